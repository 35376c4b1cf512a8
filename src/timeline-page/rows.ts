import { I, SESSION_GAP_MINUTES, type TimelineData } from '../core/timeline/data.js';

/** Kinds of rows in the list. */
export const DAY = 0;
export const GROUP = 1;
export const GAP = 2;
export const ITEM = 3;

/** Height in pixels of each kind of row (the list is virtual: offsets are computed, not measured). */
export const HEIGHT = [34, 26, 22, 54] as const;

/** The rows shown for a set of items: day and group headings, gaps and the items themselves. */
export interface Rows {
  kind: Uint8Array;
  /** Day and group rows: the group index; gap rows: minutes; item rows: the item index. */
  ref: Float64Array;
  /** Top of each row; `offsets[count]` is the height of the whole list. */
  offsets: Float64Array;
  count: number;
  /** Row of each item shown, -1 for the others. */
  rowOf: Int32Array;
}

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * Lays out `shown` (item indices in the data's order): a heading when the day or
 * the branch and author change, and a gap row where one group's work pauses for
 * longer than a session gap, or where whole days pass without any entry.
 */
export function layoutRows(data: TimelineData, shown: Int32Array): Rows {
  const max = shown.length * 4 + 1;
  const kind = new Uint8Array(max);
  const ref = new Float64Array(max);
  const offsets = new Float64Array(max + 1);
  const rowOf = new Int32Array(data.items.length).fill(-1);
  let n = 0;
  let top = 0;
  const push = (k: number, r: number) => {
    kind[n] = k;
    ref[n] = r;
    offsets[n] = top;
    top += HEIGHT[k as 0 | 1 | 2 | 3];
    n++;
  };
  let lastDay = '';
  let lastGroup = -1;
  let lastTime = 0;
  for (const i of shown) {
    const item = data.items[i]!;
    const g = item[I.group];
    const day = data.groups[g]![0];
    if (day !== lastDay) {
      const days = lastDay === '' ? 0 : dayNumber(lastDay) - dayNumber(day);
      if (days > 1) push(GAP, (days - 1) * 1440);
      push(DAY, g);
      lastDay = day;
      lastGroup = -1;
    }
    if (g !== lastGroup) {
      push(GROUP, g);
      lastGroup = g;
    } else if (lastTime - item[I.time] > SESSION_GAP_MINUTES * 60) {
      push(GAP, Math.round((lastTime - item[I.time]) / 60));
    }
    rowOf[i] = n;
    push(ITEM, i);
    lastTime = item[I.time];
  }
  offsets[n] = top;
  return { kind: kind.subarray(0, n), ref: ref.subarray(0, n), offsets: offsets.subarray(0, n + 1), count: n, rowOf };
}

/** The first row whose bottom is below `y`. */
export function rowAt(rows: Rows, y: number): number {
  let lo = 0;
  let hi = rows.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows.offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

