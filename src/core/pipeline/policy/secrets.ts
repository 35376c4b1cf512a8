import type { PromptMode } from '../../config.js';

/** The secret-looking kinds in the staged session file, and those its base did not hold. */
export interface SecretFindings {
  kinds: readonly string[];
  newKinds: readonly string[];
}

/**
 * Which findings stop the commit, and which only earn a warning. Once committed, a
 * secret stays in history, so adding one is refused even in remind mode; strict
 * refuses while any is left; off only warns. Trailers and the journal always get
 * redacted text, whatever this says.
 */
export function secretPolicy(mode: PromptMode, found: SecretFindings): { refuse: readonly string[]; warn: readonly string[] } {
  const refuse = mode === 'strict' ? found.kinds : mode === 'off' ? [] : found.newKinds;
  return refuse.length > 0 ? { refuse, warn: [] } : { refuse: [], warn: found.kinds };
}
