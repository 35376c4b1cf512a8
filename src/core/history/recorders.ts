/**
 * What the edit-time index takes from the commits of a history, kept so that a HEAD
 * one commit on adds that commit alone: the commits that recorded items, and for
 * each file (followed across renames) which of them touched it. Only those commits
 * are kept: the others can never be named by an item (deriveStatus files an item
 * under the commit that recorded it, and a later commit records none for an older
 * one), and the renames they made are applied as they pass.
 */
import type { TouchedBy } from './paths.js';

/** A commit that recorded items: full id, short id, how many files it touched (the tool's own left out). */
export type Recorder = [hash: string, short: string, width: number];

export interface Recorders {
  /** Oldest first, as the walk lists parents before children. */
  commits: Recorder[];
  /**
   * Each path with the recorders that touched it under this or an earlier name, sorted
   * by path, none with an empty list. Pairs, not an object: a file may be named `__proto__`.
   */
  paths: [path: string, hashes: string[]][];
}

export const noRecorders = (): Recorders => ({ commits: [], paths: [] });

/**
 * `kept` extended by `oldestFirst`, the commits after the ones it was made from, in
 * walk order. `recorded` holds the commits that the whole history's items name now:
 * what is kept of others is dropped (an item recorded again later stands for the
 * older one), so the result is what the whole history gives from nothing.
 */
export function addRecorders(
  kept: Recorders,
  oldestFirst: readonly (TouchedBy & { short: string })[],
  ignore: (path: string) => boolean,
  recorded: ReadonlySet<string>,
): Recorders {
  const commits = kept.commits.filter(([hash]) => recorded.has(hash));
  const byPath = new Map<string, string[]>();
  for (const [path, hashes] of kept.paths) {
    const mine = hashes.filter((h) => recorded.has(h));
    if (mine.length > 0) byPath.set(path, mine);
  }
  // As pathHistories follows a file, keeping only the recorders in each list.
  for (const c of oldestFirst) {
    const recorder = recorded.has(c.hash);
    if (recorder) commits.push([c.hash, c.short, c.files.filter((f) => !ignore(f.path)).length]);
    for (const f of c.files) {
      if (ignore(f.path)) continue;
      let list = byPath.get(f.path) ?? [];
      if (f.status === 'R' && f.oldPath !== undefined && f.oldPath !== f.path) {
        list = [...list, ...(byPath.get(f.oldPath) ?? [])];
        byPath.delete(f.oldPath);
      } else if (f.status === 'C' && f.oldPath !== undefined) {
        list = [...list, ...(byPath.get(f.oldPath) ?? [])];
      }
      if (recorder && !list.includes(c.hash)) list = [...list, c.hash];
      if (list.length > 0) byPath.set(f.path, [...new Set(list)]);
      else byPath.delete(f.path);
    }
  }
  // Sorted: which build made it (from nothing, or from a kept one) shows nowhere.
  const paths = [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { commits, paths };
}
