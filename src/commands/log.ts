import type { CommandContext, CommandResult } from '../cli/context.js';
import { openHistory, readCommits, readJournal } from '../adapters/history.js';
import { gitFilters } from '../core/report/log-format.js';
import { buildLog, renderLogJson, renderLogMarkdown, type LogFilters } from '../core/report/log.js';

export interface LogArgs {
  since?: string;
  until?: string;
  author?: string;
  grep?: string;
  paths: string[];
  format: 'md' | 'json';
}

/** The work entries of a period: commits with their decisions, dead ends and journal entries. */
export async function log(args: LogArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  const filters = gitFilters(args);
  // Both read the same commits; the journal read is limited to journal files, so they run side by side.
  const [commits, journal] = await Promise.all([
    readCommits(h.keys, { revArgs: ['HEAD'], filters, paths: args.paths, label: 'the history of HEAD' }, h.opts),
    readJournal(h.config.journal.path, { revArgs: ['HEAD'], filters }, h.opts),
  ]);
  const shown: LogFilters = {
    since: args.since ?? null,
    until: args.until ?? null,
    author: args.author ?? null,
    grep: args.grep ?? null,
    paths: args.paths,
  };
  const report = buildLog(shown, commits, journal);
  return { stdout: args.format === 'json' ? renderLogJson(report) : renderLogMarkdown(report) };
}
