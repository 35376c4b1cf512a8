import { normaliseEntryText } from '../pipeline/session-diff.js';
import type { DecisionStatus } from './data.js';

/** A decision as recorded by a commit (the whole trailer value or journal line). */
export interface RecordedDecision {
  commit: string;
  value: string;
}

const REVERTS = /This reverts commit ([0-9a-f]{40}(?:[0-9a-f]{24})?)\./g;
const SUPERSEDES = /\(supersedes:\s*([^)]*)\)/gi;

/**
 * The commits that revert others, from their messages: each reverting commit with
 * the full ids its message names (`This reverts commit <full id>.`, as git writes it).
 */
export function revertsIn(messages: readonly { commit: string; body: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of messages) {
    const ids = [...m.body.matchAll(REVERTS)].map((x) => x[1]!);
    if (ids.length > 0) out.set(m.commit, ids);
  }
  return out;
}

/** The commits whose changes stand reverted: a revert that is itself reverted no longer counts. */
function revertedCommits(reverts: ReadonlyMap<string, readonly string[]>): Set<string> {
  const by = new Map<string, string[]>();
  for (const [reverter, ids] of reverts) for (const id of ids) by.set(id, [...(by.get(id) ?? []), reverter]);
  const memo = new Map<string, boolean>();
  const reverted = (commit: string, depth: number): boolean => {
    const known = memo.get(commit);
    if (known !== undefined) return known;
    // A revert chain longer than this is not real history; stop rather than recurse forever.
    const result = depth < 64 && (by.get(commit) ?? []).some((r) => !reverted(r, depth + 1));
    memo.set(commit, result);
    return result;
  };
  return new Set([...by.keys()].filter((c) => reverted(c, 0)));
}

/**
 * The status of each decision, oldest first as given: `reverted` when a commit in
 * the range reverts the one that recorded it, `superseded` when a later decision
 * says `(supersedes: <this decision's text>)`, else `active`.
 *
 * This is the timeline's own reading of the history, kept in this one function so
 * a shared reading can replace it without touching anything else.
 */
export function decisionStatuses(
  decisions: readonly RecordedDecision[],
  reverts: ReadonlyMap<string, readonly string[]>,
  textOf: (value: string) => string,
): DecisionStatus[] {
  const reverted = revertedCommits(reverts);
  const supersededAt = new Map<string, number>();
  decisions.forEach((d, i) => {
    for (const m of d.value.matchAll(SUPERSEDES)) {
      const key = normaliseEntryText(m[1]!);
      // The last one counts: any later decision that names it is enough.
      if (key !== '') supersededAt.set(key, i);
    }
  });
  return decisions.map((d, i) => {
    if (reverted.has(d.commit)) return 'reverted';
    const later = supersededAt.get(normaliseEntryText(textOf(d.value)));
    return later !== undefined && later > i ? 'superseded' : 'active';
  });
}
