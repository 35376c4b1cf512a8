/** What changed between two versions of a file given as line ids (equal ids, equal lines). */
export interface LineDiff {
  /** 1 for each line of the newer version that the older one did not have. */
  added: Uint8Array;
  /** Line ids of the older version that are gone, by the newer line they stood before. */
  removed: Map<number, number[]>;
}

// Past this many cells the exact table costs more than it shows: lines are matched by count instead.
const MAX_CELLS = 4_000_000;

/** A line diff (longest common subsequence) of `before` and `after`. */
export function lineDiff(before: readonly number[], after: readonly number[]): LineDiff {
  const added = new Uint8Array(after.length);
  const removed = new Map<number, number[]>();
  const drop = (at: number, id: number) => {
    const list = removed.get(at);
    if (list) list.push(id);
    else removed.set(at, [id]);
  };
  let pre = 0;
  while (pre < before.length && pre < after.length && before[pre] === after[pre]) pre++;
  let suf = 0;
  while (suf < before.length - pre && suf < after.length - pre && before[before.length - 1 - suf] === after[after.length - 1 - suf]) suf++;
  const a = before.slice(pre, before.length - suf);
  const b = after.slice(pre, after.length - suf);
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    const left = new Map<number, number>();
    for (const id of a) left.set(id, (left.get(id) ?? 0) + 1);
    b.forEach((id, j) => {
      const k = left.get(id) ?? 0;
      if (k > 0) left.set(id, k - 1);
      else added[pre + j] = 1;
    });
    for (const id of a) {
      const k = left.get(id) ?? 0;
      if (k > 0) {
        left.set(id, k - 1);
        drop(pre, id);
      }
    }
    return { added, removed };
  }
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) drop(pre + j, a[i++]!);
    else added[pre + j++] = 1;
  }
  while (i < n) drop(pre + j, a[i++]!);
  while (j < m) added[pre + j++] = 1;
  return { added, removed };
}
