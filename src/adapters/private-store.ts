import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_FILTER, privateFilterConfig, type PrivateStore } from '../core/session/private-filter.js';
import { git } from './git.js';
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
  withLock(lockPath(gitDir, 'private'), () => {
    const before = readPrivateStore(gitDir, path);
    const next = { ...before, ...bodies };
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
  }, { what: 'the private text store' });
}

/**
 * Installs the private filter pair in the clone's own config (`git config --local`),
 * calling the repository's `node_modules/.bin/git-session` when it has one, else the
 * one on PATH. Config is never cloned: every clone runs `init` (or the package's
 * install step) to get it.
 */
export async function installPrivateFilter(root: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const local = 'node_modules/.bin/git-session';
  const bin = existsSync(join(root, local)) ? local : 'git-session';
  for (const [key, value] of Object.entries(privateFilterConfig(bin))) {
    await git(['config', '--local', key, value], { cwd: root, env });
  }
}

/** Removes the filter pair from the clone's config; nothing when it is not there. */
export async function uninstallPrivateFilter(root: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await git(['config', '--local', '--remove-section', `filter.${PRIVATE_FILTER}`], { cwd: root, env, allowFailure: true });
}
