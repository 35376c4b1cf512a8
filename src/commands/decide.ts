import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDecision, hasEntry, inlineText, parseSession, splitItemReason } from '../core/session/index.js';


/** Text and reason of a decision or dead end as given on the command line. */
export function recordArgs(text: string, because: string | undefined, what: string): { text: string; reason: string | null; inlineReason: boolean } {
  inlineText(String(text ?? ''), what);
  const line = String(text).replace(/\s+/g, ' ').trim();
  const reason = because !== undefined && because.trim() !== '' ? because.replace(/\s+/g, ' ').trim() : null;
  // `decide "Use X because Y"` already says why: kept as typed, read back by the parser.
  const inlineReason = reason === null && splitItemReason(line).reason !== null;
  return { text: line, reason, inlineReason };
}

/** `git session decide <text> [--because <reason>]`: adds a decision to the session file. */
export async function decide(args: { text: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  const { text, reason, inlineReason } = recordArgs(args.text, args.because, 'decision');
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  let known = false;
  updateSessionFile(
    file,
    (s) => ((known = hasEntry(s, 'decisions', text)) ? s : addDecision(s, { text, reason })),
    (s) => void parseSession(s, file.display),
  );
  if (known) return { stdout: `Already recorded in ${file.display}: ${text}\n` };
  return {
    stdout: `Recorded decision in ${file.display}: ${text}${reason ? ` — Reason: ${reason}` : ''}\n`,
    stderr: reason || inlineReason ? undefined : 'git-session: recorded without a reason; add --because to say why.\n',
  };
}
