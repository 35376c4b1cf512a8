import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrivateStore } from '../core/session/private-filter.js';
import { writeFileAtomic } from './fs.js';
import { lockPath, withLock } from './lock.js';
import { BUILD_KEY } from './build-key.js';
import { stateDirOf } from './state-dir.js';

/** Where the private bodies of the file at `path` (repository-relative) are kept: under the git dir, never in a commit. */
export function privateStorePath(gitDir: string, path: string): string {
  return join(stateDirOf(gitDir), 'private', `${encodeURIComponent(path)}.json`);
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
 * Where the private filter keeps what this build made of the texts it cleaned, for
 * its shell side (`git_session_filter` in bin/git-session-hook.sh) to answer the very
 * same bytes again without starting node: `<build>/<path>.<git's object id of the
 * text>`. Named by the build (which the shell reads from dist/build-key), so that
 * another version, whose filter may find other private text, never answers for it.
 */
function answersDir(gitDir: string): string {
  return join(stateDirOf(gitDir), 'clean');
}

/** Only a file at the top of the work tree with a plain name: the shell builds the name as it is. */
const PLAIN_NAME = /^[\w.-]+$/;
/** A handful of texts is all git asks about again; more are cleared rather than sorted by age. */
const KEPT_TEXTS = 32;
/** A kept answer (the shell's copies of git's pipe, `in-<pid>`, are never touched). */
const KEPT_NAME = /\.[0-9a-f]{40}$/;

/**
 * Keeps what clean made of `input` (its private `bodies` taken out), while the store
 * still holds those bodies, under the lock that store changes take: so a kept answer
 * always matches the store, which empties the folder when it changes. A failure costs
 * speed only.
 */
export function keepCleaned(gitDir: string, path: string, input: Uint8Array, output: Uint8Array, bodies: PrivateStore): void {
  if (!PLAIN_NAME.test(path) || BUILD_KEY === 'unbuilt') return;
  try {
    withLock(lockPath(gitDir, 'private'), () => {
      const kept = readPrivateStore(gitDir, path);
      if (!Object.entries(bodies).every(([k, v]) => kept[k] === v)) return;
      const dir = join(answersDir(gitDir), BUILD_KEY);
      mkdirSync(dir, { recursive: true });
      // Answers of other builds are of no more use, and many of this one's are too many.
      const others = readdirSync(answersDir(gitDir)).some((b) => b !== BUILD_KEY);
      if (others || readdirSync(dir).filter((n) => KEPT_NAME.test(n)).length >= KEPT_TEXTS) forgetCleaned(gitDir);
      const id = createHash('sha1').update(`blob ${input.length}\0`).update(input).digest('hex');
      writeFileAtomic(join(dir, `${path}.${id}`), output);
    }, { what: 'the private text store' });
  } catch {
    // Only speed is lost: the next clean of the same text starts the binary again.
  }
}

/** Forgets every kept answer, of every build (a build's folder stays while its shell may be using it). */
function forgetCleaned(gitDir: string): void {
  const root = answersDir(gitDir);
  let builds: string[];
  try {
    builds = readdirSync(root);
  } catch {
    return;
  }
  for (const build of builds) {
    const dir = join(root, build);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (KEPT_NAME.test(name)) rmSync(join(dir, name), { force: true });
    if (build !== BUILD_KEY && names.every((n) => KEPT_NAME.test(n))) rmSync(dir, { recursive: true, force: true });
  }
}
