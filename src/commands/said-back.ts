import { sessionSecretKinds, shownSessionText } from '../core/redact/index.js';

/**
 * What a command that records text says back, and the line naming a secret in it. The
 * text is said back redacted, cleaned and redacted as it reads once unescaped (an MCP
 * reply reaches the assistant's context). A secret is named now rather than when the
 * commit refuses it, also one hidden by an escape or an invisible character, which the
 * commit's check finds too; `given` is what was typed, `recorded` what the file holds.
 */
export async function saidBack(recorded: string, display: string, given: readonly string[] = []): Promise<{ said: string; secret: string }> {
  const said = await shownSessionText(recorded);
  const found = await Promise.all([recorded, ...given].map((text) => sessionSecretKinds(text)));
  const kinds = [...new Set(found.flat())].join(', ');
  const secret = kinds
    ? `git-session: what was recorded looks like a secret (${kinds}); ${display} is committed as it is, so the next commit will refuse it: take it out of ${display}.\n`
    : '';
  return { said, secret };
}
