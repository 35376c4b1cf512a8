import type { CommandContext, CommandResult } from '../context.js';
import { openHistory, streamCommitRecords, streamJournal } from '../adapters/history.js';
import { readSessionHistory, withItems } from '../adapters/session-history.js';
import { gitFilters } from '../core/report/log-format.js';
import type { LogFilters } from '../core/report/log.js';
import { logWriter } from '../core/report/log-writer.js';

export interface LogArgs {
  since?: string;
  until?: string;
  author?: string;
  grep?: string;
  /** At most this many commits, like `git log -n`. */
  maxCount?: number;
  paths: string[];
  format: 'md' | 'json';
}

const LABEL = 'the history of HEAD';

/** The work entries of a period: commits with their decisions, dead ends and journal entries. */
export async function log(args: LogArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  const filters = [...gitFilters(args), ...(args.maxCount !== undefined ? [`--max-count=${args.maxCount}`] : [])];
  // What each commit recorded (tree and trailers) and what became of it, judged on all of HEAD.
  const record = await readSessionHistory(h, { label: LABEL });
  const shown: LogFilters = {
    since: args.since ?? null,
    until: args.until ?? null,
    author: args.author ?? null,
    grep: args.grep ?? null,
    paths: args.paths,
  };
  const out = logWriter(shown, args.format);
  // Two walks started together: the commits, and the journal patches of only the
  // commits that touched the journal, each rendered as it arrives and joined by hash.
  // A commit shows the entries its own diff added, whatever path filter is given.
  // With --max-count the journal walk (a subsequence of the commits walk) stops at
  // as many of its own commits, which covers every one among the commits shown.
  const [, journal] = await Promise.all([
    streamCommitRecords(h.keys, { revArgs: ['HEAD'], filters, paths: args.paths, label: LABEL }, h.opts, (c) => out.add(withItems([c], record)[0]!)),
    streamJournal(h.config.journal.path, { revArgs: ['HEAD'], filters }, h.opts, (hash, entries) => out.journal(hash, entries)),
  ]);
  // The journal is an extra: when git cannot read it, the commits still stand.
  return { stdout: out.finish(journal !== undefined) };
}
