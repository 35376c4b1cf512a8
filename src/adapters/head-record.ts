import { git } from './git.js';
import type { History } from './history.js';
import { findRepoDirs, readHeadCommit, readState, statePathOf, writeState } from './edit-state.js';

declare const __CACHE_KEY__: string;
const BUILD = typeof __CACHE_KEY__ === 'string' ? __CACHE_KEY__ : 'unbuilt';

type Stored<K> = { key: string; head: string; commits: K[] };

/**
 * The lean walk of HEAD's whole history, kept under the git dir (`git-session/record.json`)
 * with the HEAD it was made at. Readers judge every item on all of HEAD, and on a
 * long history that walk is most of their time, though commits never change: a HEAD
 * that descends from the kept one walks only the commits since; any other HEAD (after
 * a rebase, a reset, a checkout of another branch) walks again and replaces it. The
 * key holds the build and the settings the walk depends on, so a walk made by another
 * version or for another session file is never reused.
 */
export async function keptOfHead<K>(h: History, walk: (revArgs: readonly string[]) => Promise<K[]>): Promise<K[]> {
  const dirs = findRepoDirs(h.root);
  const head = dirs ? readHeadCommit(dirs) : undefined;
  if (!dirs || !head) return walk(['HEAD']);
  const path = statePathOf(dirs, 'record');
  const key = keyOf(h);
  const stored = readState<Stored<K>>(path);
  let commits: K[];
  if (stored?.key === key && stored.head === head) return stored.commits;
  if (stored?.key === key && (await descends(h, stored.head, head))) {
    // Newest first, as git lists them: what is new comes before what was kept.
    commits = [...(await walk([head, `^${stored.head}`])), ...stored.commits];
  } else {
    commits = await walk([head]);
  }
  writeState(path, { key, head, commits } satisfies Stored<K>);
  return commits;
}

const keyOf = (h: History): string => JSON.stringify([BUILD, h.config.sessionFile, h.config.journal.path, h.keys]);

/**
 * What is derived from the whole walk (every item with its status), kept beside it
 * for the same HEAD: a reader asked again before the next commit (an assistant
 * asking `why` file after file) reads it instead of judging the history again.
 */
export async function derivedForHead<T>(h: History, derive: () => Promise<T>): Promise<T> {
  const dirs = findRepoDirs(h.root);
  const head = dirs ? readHeadCommit(dirs) : undefined;
  if (!dirs || !head) return derive();
  const path = statePathOf(dirs, 'recordItems');
  const key = keyOf(h);
  const stored = readState<{ key: string; head: string; value: T }>(path);
  if (stored?.key === key && stored.head === head) return stored.value;
  const value = await derive();
  // HEAD read again: a commit made meanwhile must not file this under its id.
  if (readHeadCommit(dirs) === head) writeState(path, { key, head, value });
  return value;
}

async function descends(h: History, ancestor: string, head: string): Promise<boolean> {
  const r = await git(['merge-base', '--is-ancestor', ancestor, head], { cwd: h.root, env: h.opts.env, allowFailure: true });
  return r.code === 0;
}
