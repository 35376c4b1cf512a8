import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDecision, inlineText, parseSession } from '../core/session/index.js';

/** `git session decide <text> [--because <reason>]`: adds a decision to the session file. */
export async function decide(args: { text: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.text ?? ''), 'decision');
  const text = String(args.text).replace(/\s+/g, ' ').trim();
  const reason = args.because !== undefined && args.because.trim() !== '' ? args.because.replace(/\s+/g, ' ').trim() : null;
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  updateSessionFile(file, (s) => addDecision(s, { text, reason }), (s) => void parseSession(s, file.display));
  return {
    stdout: `Recorded decision in ${file.display}: ${text}${reason ? ` — Reason: ${reason}` : ''}\n`,
    stderr: reason ? undefined : 'git-session: recorded without a reason; add --because to say why.\n',
  };
}
