import type { CommandContext, CommandResult } from '../cli/context.js';
import { fileAtHead, openHistory, readCommits, readJournal, readLineLog, type HistoryOptions } from '../adapters/history.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { buildWhy, renderWhyJson, renderWhyMarkdown } from '../core/report/why.js';
import { parseWhyTarget, type WhyTarget } from '../core/report/targets.js';
import type { CommitRecord } from '../core/report/types.js';

export interface WhyArgs {
  target: string;
  format: 'md' | 'json';
}

function missing(path: string): GitSessionError {
  return new GitSessionError(ExitCode.Git, `${path} does not exist at HEAD.`, {
    fix: 'Check the path (relative to the current folder) and that the file is committed; `git ls-files` lists what is.',
  });
}

// git's own message for a bad -L is terse; explain it in the reader's terms instead.
async function lineHistory(
  keys: Parameters<typeof readLineLog>[0],
  target: WhyTarget & { lines: { start: number; end: number } },
  opts: HistoryOptions,
): Promise<CommitRecord[]> {
  try {
    return await readLineLog(keys, target.path, target.lines, opts);
  } catch (error) {
    if (!(error instanceof GitSessionError) || error.exitCode !== ExitCode.Git) throw error;
    const file = await fileAtHead(target.path, opts);
    if (!file) throw missing(target.path);
    if (target.lines.end > file.lines) {
      throw new GitSessionError(
        ExitCode.Usage,
        `${target.path} has ${file.lines} line${file.lines === 1 ? '' : 's'} at HEAD; line ${target.lines.end} is beyond its end.`,
        { fix: `Ask about lines 1-${Math.max(1, file.lines)} or fewer.` },
      );
    }
    throw error;
  }
}

/** The decisions and dead ends behind a path or a line range, from the commits that touched it. */
export async function why(args: WhyArgs, ctx: CommandContext): Promise<CommandResult> {
  const target = parseWhyTarget(args.target);
  const h = await openHistory(ctx.cwd, ctx.env);
  const commits = target.lines
    ? await lineHistory(h.keys, { ...target, lines: target.lines }, h.opts)
    : await readCommits(h.keys, { revArgs: ['HEAD'], paths: [target.path], follow: true, label: target.path }, h.opts);
  if (commits.length === 0 && !(await fileAtHead(target.path, h.opts))) throw missing(target.path);
  const journal = await readJournal(h.config.journal.path, { hashes: commits.map((c) => c.hash) }, h.opts);
  const report = buildWhy(target, commits, journal);
  return { stdout: args.format === 'json' ? renderWhyJson(report) : renderWhyMarkdown(report) };
}
