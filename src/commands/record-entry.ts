import type { CommandContext, CommandResult } from '../context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addDeadEnd, addDecision, hasEntry, inlineText, parseSession, splitItemReason, unescapeMarkdown } from '../core/session/index.js';
import { findEntry, removeEntry, withoutSupersedes } from '../core/session/remove.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { redactSessionText } from '../core/redact/index.js';
import { saidBack } from './said-back.js';
import { sanitiseApart } from '../core/text/sanitise.js';

/** Text and reason of a decision or dead end as given on the command line. */
export function recordArgs(text: string, because: string | undefined, what: string): { text: string; reason: string | null; inlineReason: boolean } {
  inlineText(String(text ?? ''), what);
  // Cleaned as the file records it (see inlineText), so a repeat is recognised and
  // what is said back is what was written.
  const line = sanitiseApart(String(text)).replace(/\s+/g, ' ').trim();
  const given = because !== undefined && because.trim() !== '';
  if (given) inlineText(because, 'reason');
  const reason = given ? sanitiseApart(because).replace(/\s+/g, ' ').trim() : null;
  // `decide "Use X because Y"` already says why: kept as typed, read back by the parser.
  const inlineReason = reason === null && splitItemReason(line).reason !== null;
  return { text: line, reason, inlineReason };
}

const KINDS = {
  decisions: { label: 'decision', add: addDecision, hint: 'add --because to say why.' },
  deadEnds: { label: 'dead end', add: addDeadEnd, hint: 'add --because to say why it failed.' },
} as const;

/**
 * Adds a decision or a dead end to the session file, unless the same text is already
 * there: what `decide` and `dead-end` do, and the MCP tools behind them.
 */
export async function recordEntry(
  kind: keyof typeof KINDS,
  given: string,
  because: string | undefined,
  ctx: CommandContext,
  supersedes?: string,
): Promise<CommandResult> {
  const { label, add, hint } = KINDS[kind];
  const args = recordArgs(given, because, label);
  const { reason, inlineReason } = args;
  let text = args.text;
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  let known = false;
  let replaced: string | undefined;
  const old = supersedes === undefined ? undefined : supersedes.replace(/\s+/g, ' ').trim();
  updateSessionFile(
    file,
    (s) => {
      if (old === undefined) return (known = hasEntry(s, kind, text)) ? s : add(s, { text, reason });
      const entry = findEntry(s, 'decisions', old);
      if (!entry) {
        throw new GitSessionError(ExitCode.Usage, `no decision "${old}" in ${file.display} to supersede.`, {
          fix: `Name a decision as it is written under Decisions (\`git session status\` counts them), or record the new one without --supersedes.`,
        });
      }
      // The marker goes inside the what, so the Decision trailer carries it as it is.
      replaced = withoutSupersedes(unescapeMarkdown(entry.text));
      text = `${text} (supersedes: ${replaced})`;
      return add(removeEntry(s, entry), { text, reason });
    },
    (s) => void parseSession(s, file.display),
  );
  if (known) return { stdout: `Already recorded in ${file.display}: ${await redactSessionText(text)}\n` };
  const { said, secret } = await saidBack(`${text}${reason ? ` — Reason: ${reason}` : ''}`, file.display);
  const stderr = secret + (reason || inlineReason ? '' : `git-session: recorded without a reason; ${hint}\n`);
  return {
    stdout:
      `Recorded ${label} in ${file.display}: ${said}\n` +
      (replaced === undefined ? '' : `Removed the decision it supersedes: ${await redactSessionText(replaced)}\n`),
    ...(stderr ? { stderr } : {}),
  };
}
