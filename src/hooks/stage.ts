import { basename, dirname, join } from 'node:path';
import { git } from '../adapters/git.js';

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
  if (index && /^next-index-\d+\.lock$/.test(basename(index))) {
    await git(['add', '--', ...paths], { cwd, env: { ...env, GIT_INDEX_FILE: join(dirname(index), 'index.lock') } });
  }
}
