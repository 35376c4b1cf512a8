import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrivateStore } from '../core/session/private-filter.js';
import { writeFileAtomic } from './fs.js';
import { lockPath, withLock } from './lock.js';

/** Where the private bodies of the file at `path` (repository-relative) are kept: under the git dir, never in a commit. */
export function privateStorePath(gitDir: string, path: string): string {
  return join(gitDir, 'git-session', 'private', `${encodeURIComponent(path)}.json`);
}

/** The bodies kept for `path`; none when nothing was kept yet or the store is unreadable. */
export function readPrivateStore(gitDir: string, path: string): PrivateStore {
  try {
    const value = JSON.parse(readFileSync(privateStorePath(gitDir, path), 'utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as PrivateStore;
  } catch {
    return {};
  }
}

/**
 * Keeps `bodies` for `path`, over what was kept before: a region this version of the
 * file lacks (another branch's) keeps its body for the checkout that brings it back.
 */
export function updatePrivateStore(gitDir: string, path: string, bodies: PrivateStore): void {
  const file = privateStorePath(gitDir, path);
  // Usually nothing changed since the last clean (git cleans the file on every status
  // after an edit): then nothing is locked or written, and a read-only folder costs nothing.
  const kept = readPrivateStore(gitDir, path);
  if (Object.entries(bodies).every(([k, v]) => kept[k] === v)) return;
  withLock(lockPath(gitDir, 'private'), () => {
    const before = readPrivateStore(gitDir, path);
    const next = { ...before, ...bodies };
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    // What the filter answered from before was cleaned against the old store: a text
    // answered again without the binary would not put its bodies back in.
    forgetCleaned(gitDir);
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
  }, { what: 'the private text store' });
}

/**
 * Where the private filter keeps what it made of the texts it cleaned, for its shell
 * side (`git_session_filter` in bin/git-session-hook.sh) to answer the very same bytes
 * again without starting node: `<path>.<git's object id of the text>`.
 */
export function cleanedDir(gitDir: string): string {
  return join(gitDir, 'git-session', 'clean');
}

/** Only a file at the top of the work tree with a plain name: the shell builds the name as it is. */
const PLAIN_NAME = /^[\w.-]+$/;
/** A handful of texts is all git asks about again; more are cleared rather than sorted by age. */
const KEPT_TEXTS = 32;

/**
 * Keeps what clean made of `input` (its private `bodies` taken out), while the store
 * still holds those bodies, under the lock that store changes take: so a kept answer
 * always matches the store, which empties the folder when it changes. A failure costs
 * speed only.
 */
export function keepCleaned(gitDir: string, path: string, input: Uint8Array, output: Uint8Array, bodies: PrivateStore): void {
  if (!PLAIN_NAME.test(path)) return;
  try {
    withLock(lockPath(gitDir, 'private'), () => {
      const kept = readPrivateStore(gitDir, path);
      if (!Object.entries(bodies).every(([k, v]) => kept[k] === v)) return;
      const dir = cleanedDir(gitDir);
      mkdirSync(dir, { recursive: true });
      if (readdirSync(dir).filter((n) => KEPT_NAME.test(n)).length >= KEPT_TEXTS) forgetCleaned(gitDir);
      const id = createHash('sha1').update(`blob ${input.length}\0`).update(input).digest('hex');
      writeFileAtomic(join(dir, `${path}.${id}`), output);
    }, { what: 'the private text store' });
  } catch {
    // Only speed is lost: the next clean of the same text starts the binary again.
  }
}

/** Forgets every kept answer (the folder stays: the filter's shell keeps answers only where it is). */
function forgetCleaned(gitDir: string): void {
  const dir = cleanedDir(gitDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  // Not the texts the shell is cleaning right now (in-<pid>).
  for (const name of names) if (KEPT_NAME.test(name)) rmSync(join(dir, name), { force: true });
}

const KEPT_NAME = /\.[0-9a-f]{40}$/;

