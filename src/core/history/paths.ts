/**
 * Which commits shaped each file, followed across renames: a file's history is the
 * commits that touched it under its current name and under every name it had before.
 */

/** The files one commit touched, as `parseWalk` reads them. */
export interface TouchedBy {
  hash: string;
  files: readonly { path: string; oldPath?: string; status: string }[];
}

/**
 * Each path's commits, newest first. `oldestFirst` lists parents before children.
 * `ignore` leaves out the tool's own files (the session file, the journal).
 */
export function pathHistories(oldestFirst: readonly TouchedBy[], ignore: (path: string) => boolean = () => false): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const commit of oldestFirst) {
    for (const f of commit.files) {
      if (ignore(f.path)) continue;
      let list = byPath.get(f.path);
      if (f.status === 'R' && f.oldPath !== undefined && f.oldPath !== f.path) {
        const before = byPath.get(f.oldPath) ?? [];
        byPath.delete(f.oldPath);
        list = [...(list ?? []), ...before];
      } else if (f.status === 'C' && f.oldPath !== undefined) {
        list = [...(list ?? []), ...(byPath.get(f.oldPath) ?? [])];
      }
      list = list ?? [];
      if (list[list.length - 1] !== commit.hash) list.push(commit.hash);
      byPath.set(f.path, list);
    }
  }
  for (const [path, list] of byPath) byPath.set(path, [...new Set(list)].reverse());
  return byPath;
}
