import type { CommandContext, CommandResult } from '../cli/context.js';
import { openHistory, readCommits, readJournal, streamCommits } from '../adapters/history.js';
import { gitFilters } from '../core/report/log-format.js';
import { logWriter, type LogFilters } from '../core/report/log.js';

export interface LogArgs {
  since?: string;
  until?: string;
  author?: string;
  grep?: string;
  paths: string[];
  format: 'md' | 'json';
}

const LABEL = 'the history of HEAD';

/** The work entries of a period: commits with their decisions, dead ends and journal entries. */
export async function log(args: LogArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  const filters = gitFilters(args);
  const shown: LogFilters = {
    since: args.since ?? null,
    until: args.until ?? null,
    author: args.author ?? null,
    grep: args.grep ?? null,
    paths: args.paths,
  };
  const out = logWriter(shown, args.format);
  if (args.paths.length === 0) {
    // One walk yields commits and journal together, rendered while git still runs.
    await streamCommits(h.keys, h.config.journal.path, { revArgs: ['HEAD'], filters }, LABEL, h.opts, (c, j) => out.add(c, j));
    return { stdout: out.finish() };
  }
  // Paths limit the walk, and would hide the journal patch of the commits they keep: read it separately.
  const [commits, journal] = await Promise.all([
    readCommits(h.keys, { revArgs: ['HEAD'], filters, paths: args.paths, label: LABEL }, h.opts),
    readJournal(h.config.journal.path, { revArgs: ['HEAD'], filters }, h.opts),
  ]);
  for (const c of commits) out.add(c, journal.get(c.hash) ?? []);
  return { stdout: out.finish() };
}
