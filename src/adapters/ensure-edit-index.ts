import { childProcess } from './builtins.js';
import { readEditIndex, type EditIndexState } from './edit-index.js';
import type { StoredIndex } from './edit-index-file.js';
import { statePathOf, writeState } from './edit-state.js';
import { type RepoDirs } from './repo-layout.js';
import { lockedSince, passLock, releaseLock, tryLock } from './lock.js';

/**
 * Building the edit-time index when HEAD or the settings moved, one builder at a time:
 * the builder holds `git-session/edit-index.building` (a lock file, see lock.ts) and
 * every other caller waits for its result instead of reading the history again.
 *
 * A hook must not hold the assistant, and on a long history the build is minutes of
 * synchronous parsing that no timer can interrupt. So a hook builds here only for a
 * short while (small histories, or a HEAD one commit on: most of the time), checking
 * the clock between units of work; past that it hands the lock and the rest of the
 * work (what was parsed is cached) to a detached process, which survives the hook
 * being killed, and waits for its result only until the hook's own deadline.
 */

/** A lock whose holder still runs counts as left over after this long: a build on a very long history takes minutes. */
const BUILD_STALE_MS = 15 * 60_000;
/** Rounds of build-or-wait: a builder that stores nothing (a read-only git dir) is not started again and again. */
const ROUNDS = 3;

/** What a caller that must answer quickly allows: a hook that runs before a tool call. */
export interface EditIndexLimits {
  /** When the call started (ms since the epoch). */
  start: number;
  /** How long a build may run in this process before a detached builder takes it over. */
  handOffMs: number;
  /** How long the call waits for the index in all, and for a build that another process started. */
  giveUpMs: number;
  /** The command line of the detached builder (`git-session hook edit-index`). */
  builder: readonly string[];
  /**
   * For tests only: hand off after this many units of work, wherever the clock
   * stands, so that the hand-off falls in the middle of a build on any machine.
   */
  handOffUnits?: number;
}

type Loaded = { dirs: RepoDirs; index: StoredIndex };

class OutOfTime extends Error {}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds and stores the index in this process; undefined when `stopAt` (or the test's `units` of work) came first. */
async function buildHere(state: EditIndexState, env: NodeJS.ProcessEnv, stopAt: number, units = Infinity): Promise<StoredIndex | undefined> {
  let done = 0;
  const check = () => {
    if (Date.now() >= stopAt || done++ >= units) throw new OutOfTime();
  };
  try {
    check();
    const { buildStoredIndex } = await import('./edit-index-file.js');
    const index = await buildStoredIndex(state.dirs, state.head, state.stamp, env, stopAt === Infinity && units === Infinity ? undefined : check);
    writeState(statePathOf(state.dirs, 'editIndex'), index);
    return index;
  } catch (error) {
    if (error instanceof OutOfTime) return undefined;
    throw error;
  }
}

/** Starts the builder detached (its own session: a kill of the hook's process group spares it); its pid, or undefined. */
function launch(command: readonly string[], root: string, env: NodeJS.ProcessEnv): number | undefined {
  try {
    const child = childProcess().spawn(command[0]!, command.slice(1), { cwd: root, env, detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
    return child.pid;
  } catch {
    return undefined;
  }
}

/**
 * Waits for the lock's holder to free it: true then, false when the wait ran out. A
 * build started more than `waitMs` ago is not waited for: it is a long one, and each
 * call held for it would hold the assistant again.
 */
async function builderDone(lock: string, giveUpAt: number, waitMs: number): Promise<boolean> {
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const since = lockedSince(lock, BUILD_STALE_MS);
    if (since === undefined) return true;
    const until = Math.min(giveUpAt, since + waitMs);
    const left = until - Date.now();
    if (left <= 0) return false;
    await pause(Math.min(delay, left));
  }
}

/**
 * The index for the work tree of `stale` (an index state found out of date), built
 * here or by the builder already at it. With `limits` (a hook), a build here stops
 * after `handOffMs` and a detached builder finishes it; the index is undefined when it
 * is not ready within `giveUpMs`. Without, the call waits for a running builder or
 * builds the index itself.
 */
export async function ensureEditIndex(stale: EditIndexState, env: NodeJS.ProcessEnv, limits?: EditIndexLimits): Promise<Loaded | undefined> {
  const cwd = stale.dirs.root;
  const handOffAt = limits ? limits.start + limits.handOffMs : Infinity;
  const giveUpAt = limits ? limits.start + limits.giveUpMs : Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    // The caller has just read it; a later round reads what the builder it waited for left.
    const state = round === 0 ? stale : readEditIndex(cwd);
    if (!state) return undefined;
    if (state.fresh) return { dirs: state.dirs, index: state.fresh };
    const lock = statePathOf(state.dirs, 'editIndexBuilding');
    let held: boolean;
    try {
      held = tryLock(lock, BUILD_STALE_MS);
    } catch {
      // A git dir where no lock can be written keeps no index either: build for this call alone.
      const index = await buildHere(state, env, handOffAt, limits?.handOffUnits);
      return index && { dirs: state.dirs, index };
    }
    if (held) {
      // A builder may have stored it and gone between the read above and the lock.
      const now = readEditIndex(cwd);
      if (now?.fresh) {
        releaseLock(lock);
        return { dirs: now.dirs, index: now.fresh };
      }
      let index: StoredIndex | undefined;
      try {
        index = await buildHere(now ?? state, env, handOffAt, limits?.handOffUnits);
      } catch (error) {
        releaseLock(lock);
        throw error;
      }
      if (index) {
        releaseLock(lock);
        return { dirs: state.dirs, index };
      }
      const pid = limits && launch(limits.builder, state.dirs.root, env);
      if (pid === undefined) {
        releaseLock(lock);
        return undefined;
      }
      passLock(lock, pid);
    }
    if (!(await builderDone(lock, giveUpAt, limits?.giveUpMs ?? Infinity))) return undefined;
  }
  return undefined;
}

/**
 * The detached builder's work: it holds the lock its starter handed it, builds the
 * index with no time limit, and frees the lock.
 */
export async function buildHandedOver(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const state = readEditIndex(cwd);
  if (!state) return;
  try {
    if (!state.fresh) await buildHere(state, env, Infinity);
  } finally {
    releaseLock(statePathOf(state.dirs, 'editIndexBuilding'));
  }
}
