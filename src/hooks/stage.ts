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
  await everyIndex(env, (e) => git(['add', '--', ...paths], { cwd, env: e }));
}
