import { spawn } from 'node:child_process';
import { ExitCode, GitSessionError } from '../errors.js';
import { mayHoldSecret, redactShown } from '../core/redact/index.js';
import { sanitiseText } from '../core/text/sanitise.js';
import { git, gitBytes, outputSafe, type GitResult } from './git.js';
import { decodeText } from './fs.js';
import { loadConfig } from './config.js';
import { findRepo } from './repo.js';
import { plainLayout, type RepoLayout } from './repo-layout.js';
import { DEAD_END_ALIASES, type Config } from '../core/config.js';
import { commitFormat, parseCommitRecords, trailerKeys, type TrailerKeys } from '../core/report/log-format.js';
import {
  JOURNAL_DIFF_OPTIONS,
  JOURNAL_FORMAT,
  journalPathspec,
  JournalDiffStream,
} from '../core/report/journal-diff.js';
import type { RefInfo } from '../core/report/targets.js';
import type { CommitRecord, JournalByCommit } from '../core/report/types.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { redactJournalEntries } from '../core/journal/redact-journal-entries.js';
import { CommitStream, type CommitSink } from '../core/report/commit-stream.js';
import { journalMatcher } from '../core/pipeline/paths.js';
import { hasHead } from './git-facts.js';

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
  /** Where a shallow clone lists its cut-off commits (see shallowBoundaries). */
  shallowFile: string;
  config: Config;
  keys: TrailerKeys;
  opts: HistoryOptions;
}

/** Finds the repository around `cwd` and reads its settings. */
export async function openHistory(cwd: string, env: NodeJS.ProcessEnv): Promise<History> {
  const repo = plainLayout(cwd, env) ?? (await findRepo(cwd, env));
  return historyOf(repo, loadConfig(repo.root), { cwd, env });
}

/** The history of a repository already found, with its settings already read. */
export function historyOf(repo: RepoLayout, config: Config, opts: HistoryOptions): History {
  return { root: repo.root, shallowFile: repo.shallowFile, config, keys: trailerKeys(config.trailers, DEAD_END_ALIASES), opts };
}

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

/** Refuses a reader on a branch with no commits (an orphan branch has none in a repository that has others). */
export async function requireCommits(opts: HistoryOptions): Promise<void> {
  if (await hasHead(opts)) return;
  throw new GitSessionError(ExitCode.Git, 'the current branch has no commits yet.', {
    fix: 'Make a first commit, then ask again.',
  });
}

/** Turns a git call that failed into the error a reader shows: no commits yet, or what git could not read. */
export async function failed(result: GitResult, what: string, opts: HistoryOptions): Promise<never> {
  await requireCommits(opts);
  const detail = (result.stderr.trim().split('\n')[0] ?? '').replace(/^fatal: /, '');
  // git's line ends without a full stop, and the fix follows it on the same line.
  throw new GitSessionError(ExitCode.Git, `git could not read ${what}: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}`, {
    fix: 'Check the revision, range, date, pattern or path (git log accepts the same ones).',
  });
}

/** Runs `git log` and parses its commits, each with the session trailers named by `keys`. */
export async function readCommits(keys: TrailerKeys, query: LogQuery, opts: HistoryOptions): Promise<CommitRecord[]> {
  const args = [
    'log',
    '-z',
    `--format=${commitFormat(keys)}`,
    // -M: count a rename under its new name even when the user's diff.renames is off.
    ...(query.numstat ? ['--numstat', '-M'] : []),
    ...(query.follow ? ['--follow'] : []),
    ...(query.filters ?? []),
    '--end-of-options',
    ...query.revArgs,
    ...pathArgs(query.paths),
  ];
  const result = await git(args, { ...opts, allowFailure: true });
  if (result.code !== 0) return failed(result, query.label, opts);
  return redactRecords(parseCommitRecords(result.stdout, keys));
}

const MULTILINE = { multiline: true };

/**
 * Records as the readers show them: a secret in a subject, an author's name or address
 * or a file name (each as the person typed it or git made it) redacted, like the
 * session file's text. Most hold nothing any rule looks for, and cost one pattern test.
 * Changes the records in place, and returns them.
 */
export async function redactRecords<T extends CommitRecord>(records: T[]): Promise<T[]> {
  // Authors repeat over a history: each is judged once.
  const judged = new Map<string, boolean>();
  const may = (text: string) => {
    let m = judged.get(text);
    if (m === undefined) judged.set(text, (m = mayHoldSecret(text)));
    return m;
  };
  // Cleaned, as the output will show them, and tested cleaned: cleaning can join a
  // token split by a control character. A text that may hold one is redacted as written
  // and cleaned (see redactShown), since cleaning can also join a token to what follows it.
  const shown = (text: string) => redactShown(text, MULTILINE);
  const clean = (text: string) => sanitiseText(text, MULTILINE);
  for (const r of records) {
    const { subject, authorName, authorEmail } = r;
    r.subject = clean(subject);
    r.authorName = clean(authorName);
    r.authorEmail = clean(authorEmail);
    // Tested here, not only inside redactShown: 300,000 awaits of a log cost more than the scan.
    if (mayHoldSecret(r.subject)) r.subject = await shown(subject);
    if (may(r.authorName)) r.authorName = await shown(authorName);
    if (may(r.authorEmail)) r.authorEmail = await shown(authorEmail);
    for (const f of r.files) {
      const { path, oldPath } = f;
      f.path = clean(path);
      if (mayHoldSecret(f.path)) f.path = await shown(path);
      if (oldPath !== undefined) {
        f.oldPath = clean(oldPath);
        if (mayHoldSecret(f.oldPath)) f.oldPath = await shown(oldPath);
      }
    }
  }
  return records;
}

/**
 * Runs git and hands its stdout over piece by piece as it arrives, so parsing
 * overlaps git's own work and a huge history is never held as one string.
 */
export function gitStream(args: readonly string[], opts: HistoryOptions, onText: (text: string) => void, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', outputSafe(args), { cwd: opts.cwd, env: opts.env, stdio: 'pipe' });
    let stderr = '';
    let thrown: unknown;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      if (thrown !== undefined) return;
      try {
        onText(text);
      } catch (error) {
        thrown = error;
        child.kill();
      }
    });
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', (error) => reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (thrown !== undefined) reject(thrown);
      else resolve({ stdout: '', stderr, code: code ?? 1 });
    });
    // A git that exits before reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Which commits `streamCommits` reads: a walk (revisions and filters), or exactly the listed commits. */
export type CommitSelection = { revArgs: readonly string[]; filters?: readonly string[] } | { hashes: readonly string[] };

/**
 * Reads commits with their session trailers AND the journal entries each added, in
 * one git walk, handing each to `sink` as soon as it is parsed (newest first).
 * The journal pathspec only restricts the patch: `--full-history --sparse` keeps
 * every commit of the walk, exactly the ones `git log` without paths lists.
 */
export async function streamCommits(
  keys: TrailerKeys,
  journalTemplate: string,
  select: CommitSelection,
  label: string,
  opts: HistoryOptions,
  sink: CommitSink,
): Promise<void> {
  if ('hashes' in select && select.hashes.length === 0) return;
  const args = [
    'log',
    '-z',
    `--format=${commitFormat(keys)}`,
    ...JOURNAL_DIFF_OPTIONS,
    '--full-history',
    '--sparse',
    // log.follow=true would turn the single pathspec into a rename-following walk.
    '--no-follow',
    ...('hashes' in select ? ['--no-walk', '--stdin'] : [...(select.filters ?? []), '--end-of-options', ...select.revArgs]),
    '--',
    journalPathspec(journalTemplate),
  ];
  // The sink keeps what it is given until this resolves: the records and entries are redacted in place before.
  const given: CommitRecord[] = [];
  const entries: JournalEntry[] = [];
  const stream = new CommitStream(
    keys,
    (c, j) => {
      given.push(c);
      entries.push(...j);
      sink(c, j);
    },
    journalMatcher(journalTemplate),
  );
  const input = 'hashes' in select ? select.hashes.join('\n') + '\n' : undefined;
  const result = await gitStream(args, opts, (text) => stream.push(text), input);
  if (result.code !== 0) return failed(result, label, opts);
  stream.end();
  await redactRecords(given);
  await redactJournalEntries(entries);
}

/**
 * Commits with their session trailers, like `readCommits` without numstat, in
 * batches as git writes them (newest first; without a patch the output is headers
 * alone, each ended by NUL). git's output is read only as fast as the batches are
 * taken, so a slow reader holds git back instead of filling memory; a reader that
 * stops early ends git.
 */
export async function* commitRecordBatches(
  keys: TrailerKeys,
  query: Omit<LogQuery, 'numstat' | 'follow'>,
  opts: HistoryOptions,
): AsyncGenerator<CommitRecord[]> {
  const args = ['log', '-z', `--format=${commitFormat(keys)}`, ...(query.filters ?? []), '--end-of-options', ...query.revArgs, ...pathArgs(query.paths)];
  const child = spawn('git', outputSafe(args), { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error })));
    child.on('close', (code) => resolve(code ?? 1));
  });
  closed.catch(() => {});
  let batch: CommitRecord[] = [];
  const stream = new CommitStream(keys, (commit) => batch.push(commit));
  try {
    child.stdout.setEncoding('utf8');
    for await (const text of child.stdout as AsyncIterable<string>) {
      stream.push(text);
      if (batch.length === 0) continue;
      const out = batch;
      batch = [];
      yield await redactRecords(out);
    }
    const code = await closed;
    if (code !== 0) await failed({ stdout: '', stderr, code }, query.label, opts);
    stream.end();
    if (batch.length > 0) yield await redactRecords(batch);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** Which commits a journal read covers: a walk (revisions and filters), or exactly the listed commits. */
export type JournalSelection = { revArgs: readonly string[]; filters?: readonly string[] } | { hashes: readonly string[] };

/**
 * The journal entries commits added, from a `git log -p` limited to journal files,
 * parsed as git writes them. `revArgs` and `filters` select commits the same way as
 * `readCommits` (and no merge hides a side branch's commits: `--full-history`), but
 * the walk lists only the commits whose own diff touched the journal; or pass
 * `hashes` to read exactly those commits. Resolves to the entries by commit (redacted
 * as the readers show them: a journal edited by hand may hold anything), or
 * undefined when git could not read them.
 */
export async function tryReadJournal(template: string, select: JournalSelection, opts: HistoryOptions): Promise<JournalByCommit | undefined> {
  if ('hashes' in select && select.hashes.length === 0) return new Map();
  const common = ['log', ...JOURNAL_DIFF_OPTIONS, `--format=${JOURNAL_FORMAT}`];
  const args =
    'hashes' in select
      ? [...common, '--no-walk=unsorted', '--stdin', '--', journalPathspec(template)]
      : [
          ...common,
          '--full-history',
          // log.follow=true would turn the single pathspec into a rename-following walk.
          '--no-follow',
          ...(select.filters ?? []),
          '--end-of-options',
          ...select.revArgs,
          '--',
          journalPathspec(template),
        ];
  const input = 'hashes' in select ? select.hashes.join('\n') + '\n' : undefined;
  const stream = new JournalDiffStream(journalMatcher(template));
  const result = await gitStream(args, opts, (text) => stream.push(text), input);
  if (result.code !== 0) return undefined;
  const byCommit = stream.end();
  await redactJournalEntries([...byCommit.values()].flat());
  return byCommit;
}

/** The journal entries commits added (see `tryReadJournal`); none when git could not read them. */
export async function readJournal(template: string, select: JournalSelection, opts: HistoryOptions): Promise<JournalByCommit> {
  // The journal is an extra: when git cannot read it, the commits still stand.
  return (await tryReadJournal(template, select, opts)) ?? new Map();
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

/**
 * The session file's text at a revision (`path` from the repository root), or undefined
 * when it is not there. A version that a command would refuse in the work tree (binary,
 * over 1 MB, not UTF-8) is refused the same way, as `display` (`SESSION.md at abc1234`).
 */
export async function readBlob(rev: string, path: string, opts: HistoryOptions, display: string): Promise<string | undefined> {
  const result = await gitBytes(['cat-file', 'blob', `${rev}:${path}`], { ...opts, allowFailure: true });
  if (result.code !== 0) return undefined;
  try {
    return decodeText(result.stdout, display);
  } catch (error) {
    if (!(error instanceof GitSessionError)) throw error;
    // History cannot be restored or converted: another version can be read.
    throw error.retold({ fix: `Pick another commit or date: \`git log --format="%h %s" -- ${path}\` lists the commits that changed it.` });
  }
}
