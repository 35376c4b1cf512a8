import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDeadEnd, inlineText, parseSession } from '../core/session/index.js';

/** `git session dead-end <what> [--because <why>]`: records an approach that was ruled out. */
export async function deadEnd(args: { what: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.what ?? ''), 'dead end');
  const text = String(args.what).replace(/\s+/g, ' ').trim();
  const reason = args.because !== undefined && args.because.trim() !== '' ? args.because.replace(/\s+/g, ' ').trim() : null;
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  updateSessionFile(file, (s) => addDeadEnd(s, { text, reason }), (s) => void parseSession(s, file.display));
  return {
    stdout: `Recorded dead end in ${file.display}: ${text}${reason ? ` — Reason: ${reason}` : ''}\n`,
    stderr: reason ? undefined : 'git-session: recorded without a reason; add --because to say why it failed.\n',
  };
}
