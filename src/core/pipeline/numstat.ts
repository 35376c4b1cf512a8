import type { JournalFile } from '../journal/entry.js';

/**
 * Parses `git diff --numstat -z`: `added\tremoved\tpath\0`, or for a rename
 * `added\tremoved\t\0old\0new\0`. Binary files have `-` counts (null here).
 */
export function parseNumstat(output: string): JournalFile[] {
  const fields = output.split('\0');
  const files: JournalFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const m = /^(-|\d+)\t(-|\d+)\t([\s\S]*)$/.exec(field);
    if (!m) continue;
    let path = m[3]!;
    if (path === '') {
      // Rename or copy: the old and new paths follow as separate fields.
      i += 2;
      path = fields[i] ?? '';
    }
    if (path === '') continue;
    files.push({
      path,
      added: m[1] === '-' ? null : Number(m[1]),
      removed: m[2] === '-' ? null : Number(m[2]),
    });
  }
  return files;
}

/** Changed lines (added + removed); a binary file counts as one. */
export function changedLines(files: readonly JournalFile[]): number {
  let total = 0;
  for (const f of files) total += f.added === null ? 1 : f.added + (f.removed ?? 0);
  return total;
}

/**
 * What a merge itself changed, from the staged changes against each of its parents:
 * the paths that differ from every parent, each with its smallest count (the lines
 * that came from no parent as they were). Against one parent, its changes as they are.
 */
export function commonChanges(perParent: readonly (readonly JournalFile[])[]): JournalFile[] {
  const [first = [], ...rest] = perParent;
  const others = rest.map((files) => new Map(files.map((g) => [g.path, g])));
  const size = (f: JournalFile) => (f.added === null ? Number.POSITIVE_INFINITY : f.added + (f.removed ?? 0));
  const out: JournalFile[] = [];
  for (const f of first) {
    let least: JournalFile | undefined = f;
    for (const files of others) {
      const same = files.get(f.path);
      if (!same) {
        least = undefined;
        break;
      }
      if (size(same) < size(least)) least = same;
    }
    if (least) out.push(least);
  }
  return out;
}
