/**
 * Where a window of HEAD's latest commits ends, from `git rev-list --parents
 * --max-count=<n> HEAD`: the parents of its commits that are not in it. `HEAD` with
 * each of them excluded (`^<id>`) names the window as a range, so that a walk of it in
 * topological order (parents before children, as the record is judged) stops there.
 * `--topo-order` with `--max-count` alone reads the whole history before it shows a
 * commit wherever no commit-graph holds generation numbers (a fresh clone does not
 * write one). A window commit that an excluded parent also reaches (a merge of old
 * work) falls out of the range: the range is never larger than the window.
 */
export function windowEnds(revListParents: string): string[] {
  const rows = revListParents
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(' '));
  const inside = new Set(rows.map((ids) => ids[0]));
  const ends = new Set<string>();
  for (const [, ...parents] of rows) for (const p of parents) if (!inside.has(p)) ends.add(p);
  return [...ends];
}
