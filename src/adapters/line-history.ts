import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { git } from './git.js';
import { hasHead } from './git-facts.js';
import { failed, redactRecords, type HistoryOptions } from './history.js';
import { commitFormat, parseCommitRecords, type TrailerKeys } from '../core/report/log-format.js';
import type { CommitRecord } from '../core/report/types.js';
import { parseBlame, type BlameResult } from '../core/report/blame.js';
import { blameArgs } from '../core/report/targets.js';
import { parseHunks, toHeadLines } from '../core/report/line-map.js';

// The readers behind `why`: one line range, or one file, rather than a walk.

/** The commits that shaped lines start..end of `path` (relative to cwd), via `git log -L`, newest first. */
export async function readLineLog(
  keys: TrailerKeys,
  path: string,
  lines: { start: number; end: number },
  opts: HistoryOptions,
): Promise<CommitRecord[]> {
  const args = ['log', '-z', '-s', `--format=${commitFormat(keys)}`, `-L${lines.start},${lines.end}:${path}`];
  const result = await git(args, { ...opts, allowFailure: true });
  if (result.code !== 0) return failed(result, `lines ${lines.start}-${lines.end} of ${path}`, opts);
  return redactRecords(parseCommitRecords(result.stdout, keys));
}

/** Why `git blame` refused, in the reader's terms. */
export type BlameRefusal = { kind: 'missing' } | { kind: 'deleted' } | { kind: 'short'; lines: number };

/**
 * Who last changed lines start..end of `path` (relative to cwd) as it is in the
 * work tree, from one `git blame --porcelain`: blame stops at each line's last
 * change, and follows the file across renames as git does.
 */
export async function readBlame(
  path: string,
  lines: { start: number; end: number },
  opts: HistoryOptions,
): Promise<BlameResult | BlameRefusal> {
  const result = await git(blameArgs(path, lines), { ...opts, allowFailure: true });
  if (result.code === 0) return parseBlame(result.stdout);
  const detail = result.stderr.trim().split('\n')[0]?.replace(/^fatal: /, '') ?? '';
  const short = /has only (\d+) lines?/.exec(detail);
  if (short) return { kind: 'short', lines: Number(short[1]) };
  if (/^Cannot lstat /.test(detail)) return { kind: 'deleted' };
  if (/^no such path /.test(detail) && (await hasHead(opts))) return { kind: 'missing' };
  return failed(result, `lines ${lines.start}-${lines.end} of ${path}`, opts);
}

/** Whether `path` (relative to cwd) names a file at HEAD, and how many lines it has. */
export async function fileAtHead(path: string, opts: HistoryOptions): Promise<{ lines: number } | undefined> {
  const result = await git(['cat-file', 'blob', `HEAD:./${path.replace(/^\.\//, '')}`], { ...opts, allowFailure: true });
  if (result.code !== 0) return undefined;
  return { lines: lineCount(result.stdout) };
}

/** Lines of a text as git counts them: a last line without a newline counts. */
function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/**
 * Why `path` (relative to cwd) has no lines to ask about, when it is at HEAD in no
 * form: a folder, or a file a commit deleted (the newest such commit, short id and
 * subject). Undefined when neither: a path git never knew.
 */
export async function whyNoLines(
  path: string,
  opts: HistoryOptions,
): Promise<{ kind: 'folder' } | { kind: 'deleted'; commit: string; subject: string } | undefined> {
  if (statSync(resolve(opts.cwd, path), { throwIfNoEntry: false })?.isDirectory()) return { kind: 'folder' };
  const log = await git(['log', '-1', '--diff-filter=D', '--format=%h%x00%s', 'HEAD', '--', path], { ...opts, allowFailure: true });
  const [commit, subject] = log.stdout.replace(/\n$/, '').split('\0');
  return log.code === 0 && commit && subject !== undefined ? { kind: 'deleted', commit, subject } : undefined;
}

/**
 * Lines start..end of `path` (relative to cwd) as the work tree numbers them, carried
 * over to HEAD's numbering for `git log -L` (see line-map.ts), with the lines not
 * committed yet and the work-tree file's length. Undefined when the work tree has no
 * such file: then HEAD's numbering is the only one.
 */
export async function worktreeLinesAtHead(
  path: string,
  lines: { start: number; end: number },
  opts: HistoryOptions,
): Promise<{ head: { start: number; end: number } | null; uncommitted: number[]; length: number } | undefined> {
  let text: string;
  try {
    text = readFileSync(resolve(opts.cwd, path), 'utf8');
  } catch {
    return undefined;
  }
  const length = lineCount(text);
  if (lines.end > length) return { head: null, uncommitted: [], length };
  // No context, and no joining of nearby hunks (diff.interHunkContext), which would
  // count the unchanged lines between them as changed.
  const diff = await git(['diff', '--no-ext-diff', '--no-color', '--no-textconv', '-U0', '--inter-hunk-context=0', 'HEAD', '--', path], { ...opts, allowFailure: true });
  if (diff.code !== 0) return undefined;
  return { ...toHeadLines(parseHunks(diff.stdout), lines), length };
}
