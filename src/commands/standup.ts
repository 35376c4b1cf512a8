import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { authorEmail, branchesInHead } from '../adapters/git-facts.js';
import { openHistory, readCommits, type History } from '../adapters/history.js';
import { readSessionItems, withItems } from '../adapters/session-history.js';
import { readTextFile } from '../adapters/fs.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { gitFilters } from '../core/report/log-format.js';
import { sessionView } from '../core/report/session-view.js';
import { buildStandup, renderStandupJson, renderStandupMarkdown } from '../core/report/standup.js';
import { escapeBasicRegex, standupSince } from '../core/report/targets.js';
import type { CommitRecord } from '../core/report/types.js';

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
  const label = `work since ${since}`;
  const filters = gitFilters({ since, author: pattern });
  const [commits, judged, session] = await Promise.all([
    // Every local branch: yesterday's work may sit on a branch other than the one checked out now.
    readCommits(h.keys, { revArgs: ['HEAD'], filters: [...filters, '--branches'], label }, h.opts),
    judgedItems(h, filters, label),
    existsSync(sessionPath) ? sessionView(readTextFile(sessionPath, h.config.sessionFile), h.config.sessionFile) : null,
  ]);
  const model = buildStandup(since, author, judged(commits), session);
  return { stdout: args.format === 'json' ? renderStandupJson(model) : renderStandupMarkdown(model) };
}

/**
 * What became of each commit's items. A commit HEAD holds is judged on HEAD's history,
 * as log and why judge it: a withdrawal on a branch not merged yet is that branch's
 * work, not what stands here. A commit only other branches hold is judged on every
 * branch's history. When no branch has commits HEAD lacks, HEAD's history is every
 * branch's, and its judgement is kept.
 */
async function judgedItems(h: History, filters: string[], label: string): Promise<(commits: CommitRecord[]) => CommitRecord[]> {
  const head = readSessionItems(h, { label });
  // Awaited below: a failure there must not surface as unhandled while the branches are asked.
  head.catch(() => {});
  if (await branchesInHead(h.opts)) {
    const items = await head;
    return (commits) => withItems(commits, items);
  }
  const [headItems, branchItems, inHead] = await Promise.all([
    head,
    readSessionItems(h, { revArgs: ['HEAD'], filters: ['--branches'], label }),
    readCommits(h.keys, { revArgs: ['HEAD'], filters, label }, h.opts).then((c) => new Set(c.map((r) => r.hash))),
  ]);
  return (commits) => commits.map((c) => withItems([c], inHead.has(c.hash) ? headItems : branchItems)[0]!);
}
