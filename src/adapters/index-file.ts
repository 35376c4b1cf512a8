import { basename, dirname, join } from 'node:path';

const NEXT_INDEX = /^next-index-\d+\.lock$/;

/** Whether git is committing a temporary index (`git commit <paths>`). */
export function isTemporaryIndex(env: NodeJS.ProcessEnv): boolean {
  const index = env.GIT_INDEX_FILE;
  return Boolean(index && NEXT_INDEX.test(basename(index)));
}

/**
 * Runs an index update against the index this commit is made from (git's
 * GIT_INDEX_FILE reaches git because the environment is passed on whole), and for
 * `git commit <paths>` also against `index.lock`: git commits a temporary index
 * (`next-index-<pid>.lock`) and afterwards installs `index.lock`, the real index plus
 * the named paths, so a change made only to the temporary one would stay behind as
 * staged residue.
 */
export async function everyIndex(env: NodeJS.ProcessEnv, update: (env: NodeJS.ProcessEnv) => Promise<unknown>): Promise<void> {
  await update(env);
  const later = laterIndex(env);
  if (later) await update(later);
}

/**
 * For `git commit <paths>`, the environment that names `index.lock`, the index git
 * installs after the commit (see everyIndex); undefined for any other commit. Its
 * entries for other paths are what the person had staged, which the commit leaves staged.
 */
export function laterIndex(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  return isTemporaryIndex(env) ? { ...env, GIT_INDEX_FILE: join(dirname(env.GIT_INDEX_FILE!), 'index.lock') } : undefined;
}
