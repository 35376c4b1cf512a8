import type { PromptMode } from '../../config.js';

/** Who is committing, as far as the hook can tell. */
export type Committer =
  | { kind: 'assistant'; name: string }
  /** A person at a terminal that opened: the menu has already asked them. */
  | { kind: 'person' }
  /** Nobody who can be asked: a GUI, an IDE, CI. */
  | { kind: 'unattended' };

/** What a stale session file earns a commit. */
export type StaleAction = 'none' | 'remind' | 'note-for-assistant' | 'refuse' | 'refuse-with-note-for-assistant';

/**
 * The staleness rule: off never speaks; strict refuses; remind tells an assistant
 * the exact commands and anyone else one line, except a person who was just asked
 * at the terminal and chose to skip.
 */
export function staleAction(stale: boolean, mode: PromptMode, who: Committer): StaleAction {
  if (!stale || mode === 'off') return 'none';
  if (who.kind === 'assistant') return mode === 'strict' ? 'refuse-with-note-for-assistant' : 'note-for-assistant';
  if (mode === 'strict') return 'refuse';
  return who.kind === 'person' ? 'none' : 'remind';
}

/** Whether a person at a terminal is asked first (the menu runs before planning). */
export function wantsMenu(stale: boolean, mode: PromptMode, who: Committer, hasSessionFile: boolean): boolean {
  return who.kind === 'person' && stale && mode !== 'off' && hasSessionFile;
}
