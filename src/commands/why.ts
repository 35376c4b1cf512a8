import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { openHistory, readCommits, readJournal, tryReadJournal, type History, type HistoryOptions } from '../adapters/history.js';
import { blamedCommits } from '../adapters/blamed-commits.js';
import { journalMovesAtHead } from '../adapters/head-record.js';
import { readItemsOf, readSessionItems, withItems, type SessionItems } from '../adapters/session-history.js';
import { fileAtHead, readBlame, readLineLog, whyNoLines, worktreeLinesAtHead } from '../adapters/line-history.js';
import { shallowBoundaries } from '../adapters/shallow-boundaries.js';
import { storedNumbering } from '../adapters/stored-numbering.js';
import { toStored, toWorktree, type StoredLines } from '../core/session/stored-lines.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { redactShown } from '../core/redact/index.js';
import { buildWhy, onlyActive, renderWhyJson, renderWhyMarkdown, type WhyReport } from '../core/report/why.js';
import { parseWhyTarget, type WhyTarget } from '../core/report/targets.js';
import { movedJournal, type JournalMoves } from '../core/report/journal-owners.js';
import type { CommitRecord } from '../core/report/types.js';

export interface WhyArgs {
  target: string;
  format: 'md' | 'json';
  /** For a line range: every commit that ever touched it (`git log -L`) instead of each line's last change. */
  history?: boolean;
  /** Only what is still in force (what an assistant is given). */
  activeOnly?: boolean;
}

type Lines = { start: number; end: number };
type Blamed = { value: Awaited<ReturnType<typeof readBlame>> } | { error: unknown };

// Holds a rejection until it is awaited, so an earlier error (not a repository) wins without an unhandled rejection.
function settle(promise: ReturnType<typeof readBlame>): Promise<Blamed> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function fromSettled(settled: Blamed): Awaited<ReturnType<typeof readBlame>> {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

/** The error for a path that is not at HEAD: what it is instead (a folder, a deleted file), when git knows. */
async function missing(path: string, lines: Lines | null, opts: HistoryOptions): Promise<GitSessionError> {
  const instead = lines ? await whyNoLines(path, opts) : undefined;
  if (instead?.kind === 'folder') {
    return new GitSessionError(ExitCode.Usage, `${path} is a folder: lines belong to a file in it.`, {
      fix: `Name a file, or ask about the whole folder: \`git session why ${path}\`.`,
    });
  }
  if (instead?.kind === 'deleted') {
    return new GitSessionError(ExitCode.Git, `${path} has no lines at HEAD: ${instead.commit} (${instead.subject}) deleted it.`, {
      fix: `Ask about the whole file, which lists the commits that touched it: \`git session why ${path}\`.`,
    });
  }
  return new GitSessionError(ExitCode.Git, `${path} does not exist at HEAD.`, {
    fix: 'Check the path (relative to the current folder) and that the file is committed; `git ls-files` lists what is.',
  });
}

function beyond(path: string, lines: number, end: number, where: string): GitSessionError {
  return new GitSessionError(
    ExitCode.Usage,
    `${path} has ${lines} line${lines === 1 ? '' : 's'} ${where}; line ${end} is beyond its end.`,
    { fix: `Ask about lines 1-${Math.max(1, lines)} or fewer.` },
  );
}

// git's own message for a bad -L is terse; explain it in the reader's terms instead.
async function lineHistory(h: History, path: string, lines: Lines, opts: HistoryOptions): Promise<CommitRecord[]> {
  try {
    return await readLineLog(h.keys, path, lines, opts);
  } catch (error) {
    if (!(error instanceof GitSessionError) || error.exitCode !== ExitCode.Git) throw error;
    const file = await fileAtHead(path, opts);
    if (!file) throw await missing(path, lines, opts);
    if (lines.end > file.lines) throw beyond(path, file.lines, lines.end, 'at HEAD');
    throw error;
  }
}

/**
 * Each line's last change, from `git blame` on the work-tree file, then those commits'
 * trailers and journal in one read (or as kept from the last time they were asked
 * about), and their items as judged on the whole history: git reads the commits while
 * the items of those commits alone are read here. Read
 * while blame runs, every item cost a line's `why` more than it saved (blame started
 * before the bundle loaded, and a recent line's has about answered by now). Where git
 * numbers the file's lines as stored (`numbering`, the session file with private
 * text), blame is asked again in that numbering, and its answer told in the work tree's.
 */
async function lastChanges(h: History, path: string, lines: Lines, target: WhyTarget, pending: Promise<Blamed>, numbering?: StoredLines): Promise<WhyReport> {
  let privateLines: number[] = [];
  if (numbering) {
    if (numbering.length < lines.end) throw beyond(path, numbering.length, lines.end, 'in the work tree');
    const asked = toStored(numbering, lines);
    privateLines = asked.private;
    pending = asked.range ? settle(readBlame(path, asked.range, h.opts)) : Promise.resolve({ value: { commits: [], uncommitted: [], lastLine: 0 } });
  }
  const blame = await pending.then(fromSettled);
  if ('kind' in blame) {
    if (blame.kind === 'short') throw beyond(path, blame.lines, lines.end, 'in the work tree');
    if (blame.kind === 'deleted') {
      throw new GitSessionError(ExitCode.BadInput, `${path} is missing from the work tree.`, {
        fix: `Restore it (git restore -- ${path}), or add --history to read the file as committed.`,
      });
    }
    throw await missing(path, lines, h.opts);
  }
  // blame clamps an end past the last line instead of refusing it.
  if (!numbering && blame.lastLine < lines.end) throw beyond(path, blame.lastLine, lines.end, 'in the work tree');
  const read = blamedCommits(h, blame.commits, `the commits behind ${path}`);
  const record = settleLater(readItemsOf(h, blame.commits));
  const moves = movesOf(h);
  const { commits, journal } = await read;
  const uncommitted = numbering ? toWorktree(numbering, lines, blame.uncommitted) : blame.uncommitted;
  return buildWhy(
    target,
    withItems(commits, await record, true),
    movedJournal(await moves, journal, commits),
    { mode: 'blame', uncommitted, private: privateLines },
    shallowBoundaries(h.shallowFile),
  );
}

// A history with no commits yet has no record: the reader's own error comes first.
function recordOf(h: History): Promise<SessionItems> {
  return settleLater(readSessionItems(h));
}

/** Keeps a rejection for the await that comes later, so an earlier error wins without an unhandled rejection. */
function settleLater<T>(pending: Promise<T>): Promise<T> {
  pending.catch(() => {});
  return pending;
}

/**
 * Where HEAD's journal shows a commit with other entries than its own diff added (an
 * entry put back after a revert, a revert's entry): `why` shows each entry where `log` does.
 */
function movesOf(h: History): Promise<JournalMoves> {
  return settleLater(journalMovesAtHead(h, (revArgs) => tryReadJournal(h.config.journal.path, { revArgs }, h.opts)));
}

/**
 * Lines of a binary file mean nothing: asked about them, say so (as git does, by the
 * first 8000 bytes holding a NUL) instead of answering about bytes split at newlines.
 */
function refuseBinaryLines(target: WhyTarget, cwd: string): void {
  if (!target.lines) return;
  let head: Buffer;
  try {
    const fd = openSync(resolve(cwd, target.path), 'r');
    try {
      head = Buffer.alloc(8000);
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not in the work tree: the reader's own messages say so.
    return;
  }
  if (!head.includes(0)) return;
  throw new GitSessionError(ExitCode.BadInput, `${target.path} is a binary file: its lines mean nothing.`, {
    fix: `Ask about the whole file: \`git session why ${target.path}\`.`,
  });
}

/**
 * git allows a colon in a file name: `notes:3` names the file `notes:3` when that file
 * is in the work tree and `notes` is not, rather than line 3 of a file that is not there.
 */
function wholeName(target: WhyTarget, typed: string, cwd: string): WhyTarget {
  if (!target.lines) return target;
  const isFile = (path: string) => statSync(resolve(cwd, path), { throwIfNoEntry: false })?.isFile() === true;
  return isFile(typed) && !isFile(target.path) ? { path: typed, lines: null } : target;
}

/** The decisions and dead ends behind a path or a line range, from the commits that touched it. */
export async function why(args: WhyArgs, ctx: CommandContext): Promise<CommandResult> {
  const target = wholeName(parseWhyTarget(args.target), args.target, ctx.cwd);
  refuseBinaryLines(target, ctx.cwd);
  const lines = args.history ? null : target.lines;
  // blame needs nothing from the repository settings: start it while they are read.
  const blame = lines ? settle(readBlame(target.path, lines, { cwd: ctx.cwd, env: ctx.env })) : undefined;
  const h = await openHistory(ctx.cwd, ctx.env);
  // The session file with private text is numbered by git as stored: said back in the work tree's numbers.
  const numbering = target.lines ? await storedNumbering(h, target.path) : undefined;
  let report: WhyReport;
  // What became of each item is judged on the whole history of HEAD.
  const record = lines && blame ? undefined : recordOf(h);
  const moves = lines && blame ? undefined : movesOf(h);
  if (lines && blame) {
    report = await lastChanges(h, target.path, lines, target, blame, numbering);
  } else {
    // git log -L numbers lines as at HEAD; the range was given as the work tree numbers them
    // (and git diff, which carries them over, numbers the session file's as stored).
    if (target.lines && numbering && target.lines.end > numbering.length) throw beyond(target.path, numbering.length, target.lines.end, 'in the work tree');
    const asked = target.lines && numbering ? toStored(numbering, target.lines) : undefined;
    const mapped = target.lines && asked?.range !== null ? await worktreeLinesAtHead(target.path, asked?.range ?? target.lines, h.opts) : undefined;
    if (target.lines && mapped && target.lines.end > mapped.length) throw beyond(target.path, mapped.length, target.lines.end, 'in the work tree');
    const commits = !target.lines
      ? await readCommits(h.keys, { revArgs: ['HEAD'], paths: [target.path], follow: true, label: target.path }, h.opts)
      : mapped?.head === null || asked?.range === null
        ? []
        : await lineHistory(h, target.path, mapped?.head ?? target.lines, h.opts);
    const uncommitted = mapped && numbering && target.lines ? toWorktree(numbering, target.lines, mapped.uncommitted) : (mapped?.uncommitted ?? []);
    if (commits.length === 0 && !uncommitted.length && !asked?.private.length && !(await fileAtHead(target.path, h.opts))) throw await missing(target.path, target.lines, h.opts);
    const [journal, items, moved] = await Promise.all([readJournal(h.config.journal.path, { hashes: commits.map((c) => c.hash) }, h.opts), record!, moves!]);
    const found = target.lines ? { mode: 'history' as const, uncommitted, private: asked?.private ?? [] } : undefined;
    report = buildWhy(target, withItems(commits, items), movedJournal(moved, journal, commits), found, shallowBoundaries(h.shallowFile));
  }
  if (args.activeOnly) report = onlyActive(report);
  // The path is said back as a file name is everywhere: a secret in it redacted.
  report = { ...report, path: await redactShown(report.path) };
  // Every git answer used and every kept write was waited for (a blame started early and
  // not used, for the session file with private text, ends by itself).
  return { stdout: args.format === 'json' ? renderWhyJson(report) : renderWhyMarkdown(report), settled: true };
}
