import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';
import { os } from './builtins.js';

/** How long a writer waits for another one by default before giving up. */
export const LOCK_WAIT_MS = 10_000;
/** A lock older than this is a leftover: an edit under it takes milliseconds. */
export const LOCK_STALE_MS = 30_000;

export interface LockOptions {
  /** Longest wait for the lock, in ms (`GIT_SESSION_LOCK_TIMEOUT` overrides the default). */
  waitMs?: number;
  /** What the lock guards, for the timeout message (e.g. `SESSION.md`). */
  what?: string;
}

/** The lock file guarding `name` (e.g. `session`) in a git dir: `<gitDir>/git-session/<name>.lock`. */
export function lockPath(gitDir: string, name: string): string {
  return join(gitDir, 'git-session', `${name}.lock`);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

interface Holder {
  pid: number;
  host: string;
  text: string;
}

function readHolder(path: string): Holder | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const [pid, host] = text.split('\n');
    return { pid: Number(pid), host: host ?? '', text };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at `path` was left by a process that is gone (this host) or is older than `staleMs`. */
function isStale(path: string, holder: Holder | undefined, staleMs: number): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return false;
  }
  if (age > staleMs) return true;
  // A holder that has not written its pid yet is still starting: never stale by pid.
  if (!holder || holder.text === '') return false;
  return holder.host === os().hostname() && !alive(holder.pid);
}

function holderText(pid: number): string {
  return `${pid}\n${os().hostname()}\n`;
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, holderText(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock, under a second lock so that two waiters that both judged it
 * stale cannot remove a fresh lock taken in between: the one that breaks it checks,
 * inside, that the file still holds what it judged.
 */
function breakStale(path: string, judged: Holder | undefined, staleMs: number): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    // A breaker killed mid-break would block every writer: it is stale after a moment.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > 5_000) unlinkSync(breaker);
    } catch {
      /* gone already */
    }
    return;
  }
  try {
    const now = readHolder(path);
    if (now?.text === judged?.text && isStale(path, now, staleMs)) unlinkSync(path);
  } catch {
    /* someone else removed it */
  } finally {
    try {
      unlinkSync(breaker);
    } catch {
      /* nothing to clean */
    }
  }
}

function waitLimit(options: LockOptions): number {
  const fromEnv = Number(process.env.GIT_SESSION_LOCK_TIMEOUT);
  if (Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.GIT_SESSION_LOCK_TIMEOUT !== '') return fromEnv;
  return options.waitMs ?? LOCK_WAIT_MS;
}

/**
 * Runs `fn` while holding the lock file at `path` (created with O_EXCL), so that
 * writers in other processes (the CLI, the MCP server, a hook) take turns: each one
 * re-reads what it edits inside `fn`. Waits with growing retries up to the limit,
 * removes a lock whose process is gone (or that is older than 30 s), and throws a
 * Busy error naming the holder when the wait runs out; nothing is written then.
 */
export function withLock<T>(path: string, fn: () => T, options: LockOptions = {}): T {
  const limit = waitLimit(options);
  const start = Date.now();
  let delay = 2;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
  } catch (error) {
    throw new GitSessionError(ExitCode.WriteFailed, `could not create the folder for its lock (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: path,
      fix: 'Check that the git dir is writable and run the command again; nothing was changed.',
      cause: error,
    });
  }
  for (;;) {
    let created: boolean;
    try {
      created = tryCreate(path);
    } catch (error) {
      // A folder left read-only (owned by root after a sudo) is one clear line, not a stack.
      throw new GitSessionError(ExitCode.WriteFailed, `could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
        file: path,
        fix: 'Make the git dir\'s git-session folder writable (or remove it) and run the command again; nothing was changed.',
        cause: error,
      });
    }
    if (created) break;
    const holder = readHolder(path);
    if (isStale(path, holder, LOCK_STALE_MS)) {
      breakStale(path, holder, LOCK_STALE_MS);
      continue;
    }
    if (Date.now() - start >= limit) {
      const who = holder && Number.isInteger(holder.pid) && holder.pid > 0 ? ` (process ${holder.pid})` : '';
      throw new GitSessionError(ExitCode.Busy, `${options.what ?? 'the file'} is being edited by another git-session process${who}; waited ${limit} ms.`, {
        fix: `Run the command again when it is done. If no git-session process is running, remove ${path}.`,
      });
    }
    sleep(Math.min(delay + Math.floor(Math.random() * delay), 100));
    delay = Math.min(delay * 2, 64);
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      /* removed as stale by someone else: nothing to do */
    }
  }
}

/**
 * Takes the lock at `path` if it is free or stale, without waiting: for work another
 * process may be doing already (a build), where the answer is to wait for its result
 * rather than to do it twice. `staleMs` is how old a lock whose holder still runs
 * must be to count as left over. Throws when the lock's folder cannot be written.
 */
export function tryLock(path: string, staleMs: number): boolean {
  mkdirSync(dirname(path), { recursive: true });
  if (tryCreate(path)) return true;
  const holder = readHolder(path);
  if (!isStale(path, holder, staleMs)) return false;
  breakStale(path, holder, staleMs);
  return tryCreate(path);
}

/** When the lock at `path` was taken or last handed on (ms since the epoch); undefined when it is free or stale. */
export function lockedSince(path: string, staleMs: number): number | undefined {
  try {
    const since = statSync(path).mtimeMs;
    return isStale(path, readHolder(path), staleMs) ? undefined : since;
  } catch {
    return undefined;
  }
}

/**
 * Hands the lock this process holds to `pid`, a process it started to go on with the
 * work: renamed into place, so the lock is never free in between.
 */
export function passLock(path: string, pid: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, holderText(pid));
  renameSync(tmp, path);
}

/** Frees the lock at `path` if process `pid` holds it; a lock passed on or broken since is left alone. */
export function releaseLock(path: string, pid: number = process.pid): void {
  const holder = readHolder(path);
  if (holder?.pid !== pid || holder.host !== os().hostname()) return;
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
