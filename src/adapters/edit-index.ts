import { findRepoDirs, readHeadCommit, readState, settingsStamp, statePathOf, writeState, type RepoDirs } from './edit-state.js';
import type { StoredIndex } from './edit-index-file.js';

/**
 * The index for the work tree around `cwd`, from the state under the git dir when it
 * was built for the current HEAD and settings, else rebuilt (loading the history
 * readers only then) and stored atomically. Undefined outside a repository or before
 * the first commit.
 */
export async function loadEditIndex(cwd: string, env: NodeJS.ProcessEnv): Promise<{ dirs: RepoDirs; index: StoredIndex } | undefined> {
  const dirs = findRepoDirs(cwd);
  if (!dirs) return undefined;
  const head = readHeadCommit(dirs);
  if (!head) return undefined;
  const stamp = settingsStamp(dirs.root);
  const path = statePathOf(dirs, 'editIndex');
  const stored = readState<StoredIndex>(path);
  if (stored && stored.head === head && stored.stamp === stamp) return { dirs, index: stored };
  const { buildStoredIndex } = await import('./edit-index-file.js');
  const index = await buildStoredIndex(dirs, head, stamp, env);
  writeState(path, index);
  return { dirs, index };
}
