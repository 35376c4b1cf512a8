import { readHeadCommit, readState, settingsStamp, statePathOf } from './edit-state.js';
import { findRepoDirs, type RepoDirs } from './repo-layout.js';
import type { StoredIndex } from './edit-index-file.js';
import type { EditIndexLimits } from './ensure-edit-index.js';

/** Where the edit-time index stands for one work tree: what it must be built for, and the stored one if it was. */
export interface EditIndexState {
  dirs: RepoDirs;
  head: string;
  stamp: string;
  /** The stored index when it was built for this HEAD and these settings. */
  fresh: StoredIndex | undefined;
}

/**
 * The index's state for the work tree around `cwd`, from a few file reads and no git
 * process. Undefined outside a repository or before the first commit.
 */
export function readEditIndex(cwd: string): EditIndexState | undefined {
  const dirs = findRepoDirs(cwd);
  if (!dirs) return undefined;
  const head = readHeadCommit(dirs);
  if (!head) return undefined;
  const stamp = settingsStamp(dirs.root);
  const stored = readState<StoredIndex>(statePathOf(dirs, 'editIndex'));
  const fresh = stored && stored.head === head && stored.stamp === stamp ? stored : undefined;
  return { dirs, head, stamp, fresh };
}

/**
 * The index for the work tree around `cwd`: the stored one when it was built for the
 * current HEAD and settings, else built here (or, when a detached builder is at it,
 * its result once it is done), within `limits` when a hook gives them (see
 * ensureEditIndex). Undefined outside a repository or before the first commit.
 */
export async function loadEditIndex(cwd: string, env: NodeJS.ProcessEnv, limits?: EditIndexLimits): Promise<{ dirs: RepoDirs; index: StoredIndex } | undefined> {
  const state = readEditIndex(cwd);
  if (!state) return undefined;
  if (state.fresh) return { dirs: state.dirs, index: state.fresh };
  // The builders load only when HEAD or the settings moved.
  const { ensureEditIndex } = await import('./ensure-edit-index.js');
  return ensureEditIndex(state, env, limits);
}
