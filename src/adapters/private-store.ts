import { mkdirSync, readFileSync } from 'node:fs';
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
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
  }, { what: 'the private text store' });
}

