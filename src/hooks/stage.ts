import { everyIndex, isTemporaryIndex } from '../adapters/index-file.js';
import { git } from '../adapters/git.js';

/**
 * Whether the pre-commit hook script can stage `path` itself after the binary exits:
 * one path on one line, into the index git named (not the two of a `git commit <paths>`).
 */
export function shellCanStage(path: string, env: NodeJS.ProcessEnv): boolean {
  return !/[\r\n]/.test(path) && !isTemporaryIndex(env);
}

/** Adds paths to every index this commit is made from (see everyIndex). */
export async function stagePaths(paths: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (paths.length === 0) return;
  await everyIndex(env, (e) => addPaths(paths, cwd, e));
}

/**
 * `git add`, which also exits 1 after staging tracked files in an ignored folder (for its
 * advice about the folder): asked again only then, and a failure only when the paths are
 * not tracked or not staged as they are.
 */
async function addPaths(paths: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await git(['add', '--', ...paths], { cwd, env });
  } catch (error) {
    const opts = { cwd, env, allowFailure: true };
    const tracked = (await git(['ls-files', '--error-unmatch', '--', ...paths], opts)).code === 0;
    if (!tracked || (await git(['diff', '--quiet', '--', ...paths], opts)).code !== 0) throw error;
  }
}
