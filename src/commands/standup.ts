import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { authorEmail, branchesInHead } from '../adapters/git-facts.js';
import { openHistory, readCommits } from '../adapters/history.js';
import { readSessionItems, withItems } from '../adapters/session-history.js';
import { readTextFile } from '../adapters/fs.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { gitFilters } from '../core/report/log-format.js';
import { sessionView } from '../core/report/session-view.js';
import { buildStandup, renderStandupJson, renderStandupMarkdown } from '../core/report/standup.js';
import { escapeBasicRegex, standupSince } from '../core/report/targets.js';

export interface StandupArgs {
  since?: string;
  author?: string;
  format: 'md' | 'json';
}

/** Done, decided, ruled out and next since the previous working day, for the current author. */
export async function standup(args: StandupArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  const since = args.since ?? standupSince(ctx.now, -ctx.now.getTimezoneOffset());
  let author = args.author;
  let pattern = args.author;
  if (author === undefined) {
    author = await authorEmail(h.opts);
    if (author === undefined) {
      throw new GitSessionError(ExitCode.Usage, 'no author given and git has no author email (user.email) set.', {
        fix: 'Pass --author <name or email>, or set it with `git config user.email you@example.com`.',
      });
    }
    pattern = escapeBasicRegex(author);
  }
  const sessionPath = join(h.root, h.config.sessionFile);
  const filters = [...gitFilters({ since, author: pattern }), '--branches'];
  const [commits, record, session] = await Promise.all([
    // Every local branch: yesterday's work may sit on a branch other than the one checked out now.
    readCommits(h.keys, { revArgs: ['HEAD'], filters, label: `work since ${since}` }, h.opts),
    // What became of each item is judged on the whole history of every branch: when
    // no branch has commits HEAD lacks, that is HEAD's, and its judgement is kept.
    branchesInHead(h.opts).then((inHead) =>
      readSessionItems(h, inHead ? { label: `work since ${since}` } : { revArgs: ['HEAD'], filters: ['--branches'], label: `work since ${since}` }),
    ),
    existsSync(sessionPath) ? sessionView(readTextFile(sessionPath, h.config.sessionFile), h.config.sessionFile) : null,
  ]);
  const model = buildStandup(since, author, withItems(commits, record), session);
  return { stdout: args.format === 'json' ? renderStandupJson(model) : renderStandupMarkdown(model) };
}
