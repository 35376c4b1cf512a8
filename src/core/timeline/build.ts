import type { JournalEntry } from '../journal/entry.js';
import { parseLocalTime } from '../journal/entry.js';
import { normaliseEntryText } from '../pipeline/session-diff.js';
import { authorOf } from '../report/commits.js';
import type { CommitRecord, JournalByCommit } from '../report/types.js';
import { splitReason } from '../trailers/reason.js';
import {
  NO_SESSION,
  SESSION_GAP_MINUTES,
  TIMELINE_DATA_VERSION,
  type DeadEndCell,
  type DecisionCell,
  type DecisionStatus,
  type Group,
  type Item,
  type TimelineData,
} from './data.js';
import { itemKey, type TrackedItem } from '../history/status.js';

/** An item a commit recorded, and its status (see deriveStatus). */
export type RecordedItem = Pick<TrackedItem, 'kind' | 'text' | 'reason' | 'status'> & { changedByShort?: string | null };

/** What the timeline is built from; every text in it already redacted. */
export interface TimelineInput {
  repo: string;
  range: string;
  sessionFile: string;
  /** Newest first in topological order (`git log --topo-order`), with their files. */
  commits: readonly CommitRecord[];
  journal: JournalByCommit;
  /**
   * What each commit recorded by its session file diff and its trailers, with what it
   * became, as the readers judge it on the whole history of the range's end (reverted,
   * superseded, withdrawn). A commit made without the hooks (--no-verify, a hosted
   * squash) has no journal entry, and its decisions are still shown.
   */
  recorded: ReadonlyMap<string, readonly RecordedItem[]>;
  /**
   * The newest instance of each item, by identity (itemKey): what became of a decision
   * that an entry names and its commit did not record here (an entry carried from a
   * commit not shown, a trailer repeating a decision). One found nowhere is active.
   */
  standing: ReadonlyMap<string, RecordedItem>;
  /** The commits where a shallow clone's history stops. */
  shallow: ReadonlySet<string>;
  /** Version index of the session file at each commit and first parent, by full hash. */
  sessionAt: ReadonlyMap<string, number>;
  lines: string[];
  versions: number[][];
  /** The journal files, left out of each commit's files. */
  isJournal: (path: string) => boolean;
  /** The branch of commits that no journal entry (of theirs or a descendant's) names. */
  fallbackBranch: string;
}

/** Minutes in a journal duration (`42m`, `3h 05m`, `2d 4h`); null when it is not one. */
export function durationMinutes(text: string): number | null {
  const m = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(text.trim());
  if (!m || text.trim() === '') return null;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

interface Row {
  kind: 0 | 1 | 2 | 3;
  commit: string;
  time: number;
  clock: string;
  day: string;
  branch: string;
  author: string;
  subject: string;
  entry: JournalEntry | undefined;
  decisions: DecisionCell[];
  deadEnds: DeadEndCell[];
  files: { path: string; added: number | null; removed: number | null }[];
  session: number;
  before: number;
}

// One line: line breaks and runs of spaces folded. Control characters are left to the
// page's serialisation (scriptSafeJson), which removes an escape sequence whole: made a
// space here, its tail (`[31m`) would be left to show.
const one = (text: string | undefined): string => (text === undefined ? '' : text.replace(/[\t\n\v\f\r \u2028\u2029]+/g, ' ').trim());

function reasoned(value: string): [string, string | null] {
  const { text, reason } = splitReason(value);
  return [one(text), reason === null ? null : one(reason)];
}

/** Values of several lists, each once (same words in any case or markup count as one). */
function distinct(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of lists.flat()) {
    const key = normaliseEntryText(splitReason(value).text);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/**
 * Branch of each commit: its own journal entry's, else that of the nearest
 * first-parent descendant that has one (a tip of the range counts as on `fallback`).
 */
function branches(commits: readonly CommitRecord[], journal: JournalByCommit, fallback: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of commits) {
    const own = ownEntry(c, journal.get(c.hash) ?? []);
    if (own) out.set(c.hash, one(own.branch));
  }
  // A tip of the range with no entry of its own is on the branch the range names.
  const parents = new Set(commits.flatMap((c) => c.parents));
  for (const c of commits) if (!parents.has(c.hash) && !out.has(c.hash)) out.set(c.hash, fallback);
  // Topological order, newest first: every child comes before its parents.
  for (const c of commits) {
    const branch = out.get(c.hash);
    const parent = c.parents[0];
    if (branch !== undefined && parent !== undefined && !out.has(parent)) out.set(parent, branch);
  }
  for (const c of commits) if (!out.has(c.hash)) out.set(c.hash, fallback);
  return out;
}

/**
 * The entry a commit's own hook wrote, among the entries its diff added: its only
 * commit entry, or the one written at the commit's minute. A squash merge adds the
 * branch's entries too (a hosted one adds only those), and each of them stays an
 * entry of its own.
 */
export function ownEntry(c: CommitRecord, entries: readonly JournalEntry[]): JournalEntry | undefined {
  const mine = entries.filter((e) => e.kind === 'commit');
  if (mine.length <= 1) return mine[0];
  const minute = Math.floor(Date.parse(c.date) / 60_000);
  const at = mine.filter((e) => {
    const t = parseLocalTime(e.time);
    return t !== undefined && Math.floor(t.getTime() / 60_000) === minute;
  });
  return at.length === 1 ? at[0] : undefined;
}

/** A decision as the page shows it: with what became of it, and the commit that retired it. */
function cell([text, reason]: [string, string | null], item: RecordedItem | undefined): DecisionCell {
  const status: DecisionStatus = item?.status ?? 'active';
  return status === 'active' || !item?.changedByShort ? [text, reason, status] : [text, reason, status, item.changedByShort];
}

function pool(values: Iterable<string>): { list: string[]; index: Map<string, number> } {
  const list = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { list, index: new Map(list.map((v, i) => [v, i])) };
}

/**
 * The timeline's data: one row per commit and per journal entry a commit carried
 * (checkpoints, the entries of squashed commits), grouped by day
 * (the author's own date), branch and author, with each decision's status and the
 * version of the session file at each commit. Pure and deterministic: the same
 * input gives the same data, byte for byte once serialised.
 */
export function buildTimeline(input: TimelineInput): TimelineData {
  const { commits, journal } = input;
  const branchOf = branches(commits, journal, input.fallbackBranch);
  const rows: Row[] = [];
  const sessionAt = (hash: string | undefined) => (hash === undefined ? NO_SESSION : (input.sessionAt.get(hash) ?? NO_SESSION));

  // Oldest first: the entries a commit carried come before it.
  for (let i = commits.length - 1; i >= 0; i--) {
    const c = commits[i]!;
    const entries = journal.get(c.hash) ?? [];
    const own = ownEntry(c, entries);
    const session = sessionAt(c.hash);
    const before = sessionAt(c.parents[0]);
    const mine = input.recorded.get(c.hash) ?? [];
    const own_ = new Map<string, RecordedItem>(mine.map((item) => [itemKey(item.kind, item.text), item]));
    const values = (kind: RecordedItem['kind']) => mine.filter((item) => item.kind === kind).map((item) => (item.reason === null ? item.text : `${item.text} — ${item.reason}`));
    const decide = (decisions: string[]): DecisionCell[] =>
      decisions.map((value): DecisionCell => {
        const key = itemKey('decision', splitReason(value).text);
        return cell(reasoned(value), own_.get(key) ?? input.standing.get(key));
      });
    const carried: Row[] = [];
    for (const e of entries.filter((x) => x !== own)) {
      const at = parseLocalTime(e.time);
      carried.push({
        kind: e.kind === 'checkpoint' ? 1 : e.kind === 'close' ? 3 : 2,
        commit: c.hash,
        time: at === undefined ? 0 : Math.floor(at.getTime() / 1000),
        clock: e.time.slice(11, 16),
        day: e.time.slice(0, 10),
        branch: one(e.branch),
        author: one(e.author),
        subject: '',
        entry: e,
        decisions: decide(distinct(e.decisions)),
        deadEnds: distinct(e.deadEnds).map(reasoned),
        files: e.files,
        session,
        before: session,
      });
    }
    const row: Row = {
      kind: 0,
      commit: c.hash,
      time: Math.floor(Date.parse(c.date) / 1000) || 0,
      clock: c.date.slice(11, 16),
      day: c.date.slice(0, 10),
      branch: branchOf.get(c.hash)!,
      author: one(authorOf(c)),
      subject: one(c.subject),
      entry: own,
      decisions: decide(distinct(c.decisions, own?.decisions ?? [], values('decision'))),
      deadEnds: distinct(c.deadEnds, own?.deadEnds ?? [], values('deadEnd')).map(reasoned),
      files: c.files.filter((f) => !input.isJournal(f.path)),
      session,
      before,
    };
    // The entries it carried were written before the commit itself.
    rows.push(...carried, row);
  }
  rows.reverse();

  const branchPool = pool(rows.map((r) => r.branch));
  const authorPool = pool(rows.map((r) => r.author));
  const pathPool = pool(rows.flatMap((r) => r.files.map((f) => one(f.path))));

  const groupOf = new Map<string, { group: Group; latest: number; rows: Row[] }>();
  for (const r of rows) {
    const key = `${r.day}\0${r.branch}\0${r.author}`;
    let g = groupOf.get(key);
    if (!g) {
      g = { group: [r.day, branchPool.index.get(r.branch)!, authorPool.index.get(r.author)!, 0], latest: r.time, rows: [] };
      groupOf.set(key, g);
    }
    g.latest = Math.max(g.latest, r.time);
    g.rows.push(r);
    const minutes = r.entry?.sincePrevious === undefined ? null : durationMinutes(r.entry.sincePrevious);
    // A longer pause is the gap between two sessions, not time spent.
    if (minutes !== null && minutes <= SESSION_GAP_MINUTES) g.group[3] += minutes;
  }
  const ordered = [...groupOf.values()].sort(
    (a, b) =>
      (a.group[0] < b.group[0] ? 1 : a.group[0] > b.group[0] ? -1 : 0) ||
      b.latest - a.latest ||
      a.group[1] - b.group[1] ||
      a.group[2] - b.group[2],
  );
  const items: Item[] = [];
  ordered.forEach((g, groupIndex) => {
    // Stable: rows of one time keep git's order.
    const sorted = g.rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.time - a.r.time || a.i - b.i);
    for (const { r } of sorted) {
      items.push([
        r.kind,
        r.commit,
        r.time,
        r.clock,
        groupIndex,
        r.subject,
        one(r.entry?.goal),
        one(r.entry?.status),
        r.decisions,
        r.deadEnds,
        r.files.flatMap((f) => [pathPool.index.get(one(f.path))!, f.added ?? -1, f.added === null ? 0 : (f.removed ?? 0)]),
        r.session,
        r.before,
        one(r.entry?.sincePrevious),
      ]);
    }
  });

  return {
    version: TIMELINE_DATA_VERSION,
    repo: one(input.repo),
    range: one(input.range),
    sessionFile: one(input.sessionFile),
    branches: branchPool.list,
    authors: authorPool.list,
    paths: pathPool.list,
    groups: ordered.map((g) => g.group),
    items,
    shallow: [...new Set(rows.filter((r) => input.shallow.has(r.commit)).map((r) => r.commit))],
    lines: input.lines,
    versions: input.versions,
  };
}
