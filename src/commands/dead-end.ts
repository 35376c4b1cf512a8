import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDeadEnd, hasEntry, parseSession } from '../core/session/index.js';
import { recordArgs } from './decide.js';


/** `git session dead-end <what> [--because <why>]`: records an approach that was ruled out. */
export async function deadEnd(args: { what: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  const { text, reason, inlineReason } = recordArgs(args.what, args.because, 'dead end');
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  let known = false;
  updateSessionFile(
    file,
    (s) => ((known = hasEntry(s, 'deadEnds', text)) ? s : addDeadEnd(s, { text, reason })),
    (s) => void parseSession(s, file.display),
  );
  if (known) return { stdout: `Already recorded in ${file.display}: ${text}\n` };
  return {
    stdout: `Recorded dead end in ${file.display}: ${text}${reason ? ` — Reason: ${reason}` : ''}\n`,
    stderr: reason || inlineReason ? undefined : 'git-session: recorded without a reason; add --because to say why it failed.\n',
  };
}
