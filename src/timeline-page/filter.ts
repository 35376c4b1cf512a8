import { I, type TimelineData } from '../core/timeline/data.js';

/** What the reader narrowed the list to. Indices are into the data's pools; -1 is "any". */
export interface Query {
  text: string;
  author: number;
  branch: number;
  path: string;
  decisionsOnly: boolean;
}

/** Lower-cased text of each item, built once, so a search is one scan of plain strings. */
export function searchIndex(data: TimelineData): string[] {
  return data.items.map((item) => {
    const group = data.groups[item[I.group]]!;
    const parts = [
      item[I.commit],
      item[I.subject],
      item[I.goal],
      item[I.status],
      data.branches[group[1]]!,
      data.authors[group[2]]!,
      ...item[I.decisions].map((d) => `${d[0]} ${d[1] ?? ''} ${d[2]}`),
      ...item[I.deadEnds].map((d) => `${d[0]} ${d[1] ?? ''}`),
    ];
    return parts.join('\n').toLowerCase();
  });
}

/** The items that match every part of the query, in the data's order; `index` is read only for a text search. */
export function filterItems(data: TimelineData, index: readonly string[], q: Query): Int32Array {
  const terms = q.text.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const path = q.path.trim().toLowerCase();
  const pathHit = path === '' ? undefined : new Uint8Array(data.paths.map((p) => (p.toLowerCase().includes(path) ? 1 : 0)));
  const out = new Int32Array(data.items.length);
  let n = 0;
  for (let i = 0; i < data.items.length; i++) {
    const item = data.items[i]!;
    const group = data.groups[item[I.group]]!;
    if (q.author >= 0 && group[2] !== q.author) continue;
    if (q.branch >= 0 && group[1] !== q.branch) continue;
    if (q.decisionsOnly && item[I.decisions].length === 0 && item[I.deadEnds].length === 0) continue;
    if (pathHit) {
      const files = item[I.files];
      let hit = false;
      for (let f = 0; f < files.length && !hit; f += 3) hit = pathHit[files[f]!] === 1;
      if (!hit) continue;
    }
    if (terms.length > 0) {
      const text = index[i]!;
      if (!terms.every((t) => text.includes(t))) continue;
    }
    out[n++] = i;
  }
  return out.subarray(0, n);
}
