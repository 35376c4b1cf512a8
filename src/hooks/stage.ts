import { everyIndex, isTemporaryIndex } from '../adapters/index-file.js';
import { git } from '../adapters/git.js';

/**
 * Whether the pre-commit hook script can stage `path` itself after the binary exits:
 * one path on one line, into the index git named (not the two of a `git commit <paths>`).
 * A path with control characters (a committed `journal.path` can hold any) is staged
 * from here: the script would print it raw in its messages, escape sequences and all.
 */
export function shellCanStage(path: string, env: NodeJS.ProcessEnv): boolean {
  return !/[\u0000-\u001f\u007f-\u009f]/.test(path) && !isTemporaryIndex(env);
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
  // Literal pathspecs (as GIT_LITERAL_PATHSPECS=1 makes them too): a name with `[` or `*`
  // would match as a pattern, and git skips an ignored file a pattern matches without a word.
  const literally = (args: string[]) => ['--literal-pathspecs', ...args, '--', ...paths];
  try {
    await git(literally(['add']), { cwd, env });
  } catch (error) {
    const opts = { cwd, env, allowFailure: true };
    const tracked = (await git(literally(['ls-files', '--error-unmatch']), opts)).code === 0;
    if (!tracked || (await git(literally(['diff', '--quiet']), opts)).code !== 0) throw error;
  }
}
