import { basename, dirname, join } from 'node:path';
import { git } from '../adapters/git.js';

/**
 * Whether the pre-commit hook line can stage `path` itself after the binary exits: one
 * path on one line, into the index git named (not the two of a `git commit <paths>`).
 */
export function shellCanStage(path: string, env: NodeJS.ProcessEnv): boolean {
  const index = env.GIT_INDEX_FILE;
  return !/[\r\n]/.test(path) && !(index && NEXT_INDEX.test(basename(index)));
}

const NEXT_INDEX = /^next-index-\d+\.lock$/;

/**
 * Adds paths to the index this commit is made from (git's GIT_INDEX_FILE reaches
 * `git add` because the environment is passed on whole). For `git commit <paths>`
 * git commits a temporary index (`next-index-<pid>.lock`) and afterwards installs
 * `index.lock`, the real index plus the named paths: a file added only to the
 * temporary one would stay behind as staged residue, so it is added to both.
 */
export async function stagePaths(paths: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (paths.length === 0) return;
  await git(['add', '--', ...paths], { cwd, env });
  const index = env.GIT_INDEX_FILE;
  if (index && NEXT_INDEX.test(basename(index))) {
    await git(['add', '--', ...paths], { cwd, env: { ...env, GIT_INDEX_FILE: join(dirname(index), 'index.lock') } });
  }
}
