import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDecision, hasEntry, inlineText, parseSession, splitReason } from '../core/session/index.js';

/**
 * The value of option `name` (`--because`) exactly as typed, the last one winning;
 * undefined when absent or given no value. cac reads numeric-looking values as
 * numbers (`""` becomes 0, `0x10` becomes 16), which would change a reason's text.
 */
export function rawOption(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
    if (arg !== name && inline === undefined) continue;
    if (inline) {
      value = inline;
      continue;
    }
    // Like the option parser: the next argument is the value unless it starts with `-`.
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      value = next;
      i++;
    } else value = undefined;
  }
  return value;
}

/** Text and reason of a decision or dead end as given on the command line. */
export function recordArgs(text: string, because: string | undefined, what: string): { text: string; reason: string | null; inlineReason: boolean } {
  inlineText(String(text ?? ''), what);
  const line = String(text).replace(/\s+/g, ' ').trim();
  const reason = because !== undefined && because.trim() !== '' ? because.replace(/\s+/g, ' ').trim() : null;
  // `decide "Use X because Y"` already says why: kept as typed, read back by the parser.
  const inlineReason = reason === null && splitReason(line).reason !== null;
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
