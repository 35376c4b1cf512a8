import { ExitCode, GitSessionError } from '../errors.js';
import { git, type GitResult } from './git.js';
import { loadConfig } from './config.js';
import { findRepo } from './repo.js';
import { DEAD_END_ALIASES, type Config } from '../core/config.js';
import { commitFormat, parseCommitRecords, trailerKeys, type TrailerKeys } from '../core/report/log-format.js';
import {
  JOURNAL_DIFF_OPTIONS,
  JOURNAL_FORMAT,
  journalFileMatcher,
  journalPathspec,
  parseJournalDiff,
} from '../core/report/journal-diff.js';
import type { RefInfo } from '../core/report/targets.js';
import type { CommitRecord, JournalByCommit } from '../core/report/types.js';

/**
 * The git calls behind review, why, log, standup and show. Each reads one thing in
 * one git process; parsing is pure code in src/core/report.
 */
export interface HistoryOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Everything a history command starts from. */
export interface History {
  root: string;
  config: Config;
  keys: TrailerKeys;
  opts: HistoryOptions;
}

/** Finds the repository around `cwd` and reads its settings. */
export async function openHistory(cwd: string, env: NodeJS.ProcessEnv): Promise<History> {
  const repo = await findRepo(cwd, env);
  const config = loadConfig(repo.root);
  return { root: repo.root, config, keys: trailerKeys(config.trailers, DEAD_END_ALIASES), opts: { cwd, env } };
}

// User config must not leak into output we parse: signatures would land in stdout,
// colour codes and relative paths would break the parse.
const LOG_FLAGS = ['--no-color', '--no-show-signature', '--no-relative', '--no-ext-diff', '--no-textconv'];

/** What a `git log` reads: revisions, filters (`--since=...`), and paths. */
export interface LogQuery {
  revArgs: readonly string[];
  filters?: readonly string[];
  paths?: readonly string[];
  numstat?: boolean;
  follow?: boolean;
  /** What the reader asked for, to name it if git refuses. */
  label: string;
}

function pathArgs(paths: readonly string[] | undefined): string[] {
  return paths && paths.length > 0 ? ['--', ...paths] : ['--'];
}

async function failed(result: GitResult, what: string, opts: HistoryOptions): Promise<never> {
  const born = await git(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { ...opts, allowFailure: true });
  if (born.code !== 0) {
    throw new GitSessionError(ExitCode.Git, 'this repository has no commits yet.', {
      fix: 'Make a first commit, then ask again.',
    });
  }
  const detail = result.stderr.trim().split('\n')[0] ?? '';
  throw new GitSessionError(ExitCode.Git, `git could not read ${what}: ${detail.replace(/^fatal: /, '')}`, {
    fix: 'Check the revision, range, date or path (git log accepts the same ones).',
  });
}

/** Runs `git log` and parses its commits, each with the session trailers named by `keys`. */
export async function readCommits(keys: TrailerKeys, query: LogQuery, opts: HistoryOptions): Promise<CommitRecord[]> {
  const args = [
    'log',
    ...LOG_FLAGS,
    '-z',
    `--format=${commitFormat(keys)}`,
    ...(query.numstat ? ['--numstat'] : []),
    ...(query.follow ? ['--follow'] : []),
    ...(query.filters ?? []),
    '--end-of-options',
    ...query.revArgs,
    ...pathArgs(query.paths),
  ];
  const result = await git(args, { ...opts, allowFailure: true });
  if (result.code !== 0) return failed(result, query.label, opts);
  return parseCommitRecords(result.stdout, keys);
}

/**
 * The journal entries commits added, from a `git log -p` limited to journal files.
 * `revArgs` and `filters` select commits the same way as `readCommits`; or pass
 * `hashes` to read exactly those commits.
 */
export async function readJournal(
  template: string,
  select: { revArgs: readonly string[]; filters?: readonly string[] } | { hashes: readonly string[] },
  opts: HistoryOptions,
): Promise<JournalByCommit> {
  if ('hashes' in select && select.hashes.length === 0) return new Map();
  const common = ['log', ...LOG_FLAGS, ...JOURNAL_DIFF_OPTIONS, `--format=${JOURNAL_FORMAT}`];
  const args =
    'hashes' in select
      ? [...common, '--no-walk=unsorted', '--stdin', '--', journalPathspec(template)]
      : [...common, ...(select.filters ?? []), '--end-of-options', ...select.revArgs, '--', journalPathspec(template)];
  const input = 'hashes' in select ? select.hashes.join('\n') + '\n' : undefined;
  const result = await git(args, { ...opts, input, allowFailure: true });
  // The journal is an extra: when git cannot read it, the commits still stand.
  return result.code === 0 ? parseJournalDiff(result.stdout, journalFileMatcher(template)) : new Map();
}

/** The commits that shaped lines start..end of `path` (relative to cwd), via `git log -L`, newest first. */
export async function readLineLog(
  keys: TrailerKeys,
  path: string,
  lines: { start: number; end: number },
  opts: HistoryOptions,
): Promise<CommitRecord[]> {
  const args = ['log', ...LOG_FLAGS, '-z', '-s', `--format=${commitFormat(keys)}`, `-L${lines.start},${lines.end}:${path}`];
  const result = await git(args, { ...opts, allowFailure: true });
  if (result.code !== 0) return failed(result, `lines ${lines.start}-${lines.end} of ${path}`, opts);
  return parseCommitRecords(result.stdout, keys);
}

/** Refs that can serve as a review base: origin/HEAD and every local branch. */
export async function readBaseRefs(opts: HistoryOptions): Promise<RefInfo[]> {
  const result = await git(
    [
      'for-each-ref',
      '--format=%(refname)%1f%(refname:short)%1f%(symref:short)%1f%(upstream:short)%1f%(HEAD)',
      'refs/remotes/origin/HEAD',
      'refs/heads/',
    ],
    opts,
  );
  return result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [full = '', name = '', symref = '', upstream = '', head = ''] = line.split('\x1f');
      return { name, symref, upstream, current: head === '*', remote: full.startsWith('refs/remotes/') };
    });
}

/** A file's text at a revision (`path` from the repository root), or undefined when it is not there. */
export async function readBlob(rev: string, path: string, opts: HistoryOptions): Promise<string | undefined> {
  const result = await git(['cat-file', 'blob', `${rev}:${path}`], { ...opts, allowFailure: true });
  return result.code === 0 ? result.stdout : undefined;
}

/** The email git would record as author (config or GIT_AUTHOR_* environment), or undefined when it has none. */
export async function authorEmail(opts: HistoryOptions): Promise<string | undefined> {
  const result = await git(['var', 'GIT_AUTHOR_IDENT'], { ...opts, allowFailure: true });
  const email = /<([^>]*)>/.exec(result.stdout)?.[1]?.trim();
  return result.code === 0 && email ? email : undefined;
}

/** Whether `path` (relative to cwd) names a file at HEAD, and how many lines it has. */
export async function fileAtHead(path: string, opts: HistoryOptions): Promise<{ lines: number } | undefined> {
  const result = await git(['cat-file', 'blob', `HEAD:./${path.replace(/^\.\//, '')}`], { ...opts, allowFailure: true });
  if (result.code !== 0) return undefined;
  const text = result.stdout;
  return { lines: text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
}
