import type { CommandContext, CommandResult } from '../context.js';
import { readBaseRefs, requireCommits } from '../adapters/history.js';
import { git } from '../adapters/git.js';
import { loadConfig } from '../adapters/config.js';
import { findRepo } from '../adapters/repo.js';
import { journalMatcher } from '../core/pipeline/paths.js';
import { annotationFor, mergeAdjacent, recorded, renderWorkflowCommands, type Annotation, type LineCommit } from '../core/action/annotations.js';
import { DIFF_ARGS, parseChangedLines } from '../core/action/hunks.js';
import { parseRange, pickBase } from '../core/report/targets.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { why } from './why.js';

export interface AnnotateArgs {
  /** `A..B`, `A...B` or a base revision A; the lines are those of the work tree. Default: as `review`. */
  range?: string;
}

type Lines = { start: number; end: number };

/** The base side of a range: `A` of `A..B`, `A...B` or `A`. */
function baseOf(range: string): string {
  parseRange(range);
  const dots = range.indexOf('..');
  const left = dots === -1 ? range : range.slice(0, dots);
  return left === '' ? 'HEAD' : left;
}

async function defaultBase(ctx: CommandContext): Promise<string> {
  const base = pickBase(await readBaseRefs({ cwd: ctx.cwd, env: ctx.env }));
  if (base) return base;
  await requireCommits({ cwd: ctx.cwd, env: ctx.env });
  throw new GitSessionError(ExitCode.Usage, 'there is no default branch or upstream to compare this branch with.', {
    fix: 'Pass a range, for example `git session review main..HEAD --format github`, or set an upstream with `git branch -u`.',
  });
}

async function forkPoint(base: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await git(['merge-base', base, 'HEAD'], { cwd, env, allowFailure: true });
  if (r.code === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  throw new GitSessionError(ExitCode.Git, `git finds no common ancestor of ${base} and HEAD${r.stderr.trim() ? ` (${r.stderr.trim().split('\n')[0]})` : ''}.`, {
    fix: 'Check the base revision; in a shallow clone fetch the whole history first (git fetch --unshallow, or fetch-depth: 0 for actions/checkout).',
  });
}

/** The commits that last changed some lines, through `why`'s blame. Undefined when why cannot read them (file gone). */
async function lineCommits(path: string, lines: Lines, ctx: CommandContext): Promise<{ commits: LineCommit[]; uncommitted: number } | undefined> {
  try {
    const out = await why({ target: `${path}:${lines.start}-${lines.end}`, format: 'json' }, ctx);
    const report = JSON.parse(out.stdout ?? '{}') as { commits?: LineCommit[]; uncommitted?: number[] };
    return { commits: report.commits ?? [], uncommitted: report.uncommitted?.length ?? 0 };
  } catch (error) {
    if (error instanceof GitSessionError) return undefined;
    throw error;
  }
}

/**
 * Notices for `lines`: one for the whole range when every line's last change recorded
 * something, else the range is halved until each part is one way or the other.
 */
async function notices(path: string, lines: Lines, ctx: CommandContext): Promise<Annotation[]> {
  const found = await lineCommits(path, lines, ctx);
  if (!found) return [];
  const kind = recorded(found.commits);
  if (kind === 'none') return [];
  if ((kind === 'all' && found.uncommitted === 0) || lines.start === lines.end) {
    const one = annotationFor(path, lines, found.commits);
    return one ? [one] : [];
  }
  const mid = Math.floor((lines.start + lines.end) / 2);
  const [low, high] = await Promise.all([notices(path, { start: lines.start, end: mid }, ctx), notices(path, { start: mid + 1, end: lines.end }, ctx)]);
  return [...low, ...high];
}

/** Runs `tasks` at most `limit` at a time, results in order. */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * The lines the branch changed (from where it left the base to the work tree) whose
 * last change carries a decision or a dead end, one notice per line range. The session
 * file and the journal are left out.
 */
export async function annotations(args: AnnotateArgs, ctx: CommandContext): Promise<Annotation[]> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const at = { ...ctx, cwd: repo.root };
  const base = args.range === undefined ? await defaultBase(at) : baseOf(args.range.trim());
  const from = await forkPoint(base, repo.root, ctx.env);
  const diff = await git([...DIFF_ARGS, from, '--'], { cwd: repo.root, env: ctx.env });
  // The session file and the journal are where decisions are written down: every line
  // there would carry one, and say nothing about the code.
  const config = loadConfig(repo.root);
  const isJournal = journalMatcher(config.journal.path);
  const changed = parseChangedLines(diff.stdout).filter((f) => f.path !== config.sessionFile && !isJournal(f.path));
  const tasks = changed.flatMap((file) => file.ranges.map((lines) => () => notices(file.path, lines, at)));
  return mergeAdjacent((await pooled(tasks, 4)).flat());
}

/** `git session review --format github`: the notices as GitHub workflow commands. */
export async function annotate(args: AnnotateArgs, ctx: CommandContext): Promise<CommandResult> {
  return { stdout: renderWorkflowCommands(await annotations(args, ctx)) };
}
