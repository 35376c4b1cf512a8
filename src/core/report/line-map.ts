/**
 * Work-tree line numbers as HEAD numbers them. `why <path>:<line>` counts lines as the
 * file is in the work tree (what an editor or an assistant shows), and git blame does
 * the same; `git log -L` counts them as at HEAD. With uncommitted edits above the
 * range the two name different lines, so the range is carried over to HEAD first,
 * through the hunks of `git diff -U0 HEAD -- <path>`.
 */

/** One hunk of a zero-context diff: `@@ -oldStart,oldCount +newStart,newCount @@`. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of a unified diff (of one file), in order. */
export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const line of diff.split('\n')) {
    const m = HUNK.exec(line);
    if (!m) continue;
    hunks.push({ oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) });
  }
  return hunks;
}

/**
 * Where lines start..end of the work-tree file are at HEAD: the smallest HEAD range
 * that holds every committed line among them (with what was replaced between them),
 * or null when none is committed; and the lines that are not committed yet (added or
 * changed in the work tree), in work-tree numbers.
 */
export function toHeadLines(hunks: readonly Hunk[], lines: { start: number; end: number }): { head: { start: number; end: number } | null; uncommitted: number[] } {
  const uncommitted: number[] = [];
  let first: number | undefined;
  let last: number | undefined;
  for (let line = lines.start; line <= lines.end; line++) {
    let shift = 0;
    let changed = false;
    for (const h of hunks) {
      // A hunk with no new lines (a deletion) sits after its newStart; any other spans its new lines.
      const lastNew = h.newCount === 0 ? h.newStart : h.newStart + h.newCount - 1;
      if (h.newCount > 0 && line >= h.newStart && line <= lastNew) {
        changed = true;
        break;
      }
      if (lastNew < line) shift += h.oldCount - h.newCount;
    }
    if (changed) {
      uncommitted.push(line);
      continue;
    }
    first ??= line + shift;
    last = line + shift;
  }
  return { head: first === undefined || last === undefined ? null : { start: first, end: last }, uncommitted };
}
