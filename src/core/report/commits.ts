import type { JournalEntry } from '../journal/entry.js';
import { splitReason as splitReasoned } from '../trailers/index.js';
import type { Attributed, CommitRecord, JournalByCommit, Reasoned } from './types.js';

/** `Name <email>`, the way git shows an author. */
export function authorOf(commit: CommitRecord): string {
  return `${commit.authorName} <${commit.authorEmail}>`;
}

/** The decisions or dead ends of commits, each with the commit that recorded it, in the commits' order. */
export function attributed(commits: readonly CommitRecord[], which: 'decisions' | 'deadEnds'): Attributed[] {
  return commits.flatMap((c) =>
    reasonedOf(c, which).map((item) => ({
      ...item,
      commit: c.hash,
      short: c.short,
      subject: c.subject,
      author: authorOf(c),
      date: c.date,
    })),
  );
}

/** A commit's decisions or dead ends: from its tree and trailers when read, else its trailers alone. */
export function reasonedOf(commit: CommitRecord, which: 'decisions' | 'deadEnds'): Reasoned[] {
  return commit.items ? commit.items[which] : commit[which].map(splitReasoned);
}

/** Only what is still in force (items read without a status count as in force). */
export function activeOnly<T extends Reasoned>(items: readonly T[]): T[] {
  return items.filter((i) => i.status === undefined || i.status === 'active');
}

/** ` (reverted by abc1234)` for an item no longer in force, else nothing. */
export function statusNote(item: Reasoned): string {
  const back = item.recordedIn ? ` (recorded in ${item.recordedIn}, put back by this revert)` : '';
  if (item.status === undefined || item.status === 'active') return back;
  return back + (item.changedBy ? ` (${item.status} by ${item.changedBy})` : ` (${item.status})`);
}

/** A commit as every JSON output shows it. */
export interface CommitJson {
  commit: string;
  short: string;
  subject: string;
  author: string;
  date: string;
  parents: string[];
  decisions: Reasoned[];
  deadEnds: Reasoned[];
  journal: JournalEntry[];
}

/** A commit as JSON output shows it; `journal` is the commits' entries by hash, or this commit's own entries. */
export function commitJson(commit: CommitRecord, journal?: JournalByCommit | readonly JournalEntry[]): CommitJson {
  const entries = journal === undefined ? [] : Array.isArray(journal) ? journal : ((journal as JournalByCommit).get(commit.hash) ?? []);
  return {
    commit: commit.hash,
    short: commit.short,
    subject: commit.subject,
    author: authorOf(commit),
    date: commit.date,
    parents: commit.parents,
    decisions: reasonedOf(commit, 'decisions'),
    deadEnds: reasonedOf(commit, 'deadEnds'),
    journal: entries as JournalEntry[],
  };
}

/** `text — reason`, or the text alone. */
export function reasonedLine(item: Reasoned): string {
  return item.reason === null ? item.text : `${item.text} — ${item.reason}`;
}

/** Keeps a value on one markdown line. */
export function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The date part (YYYY-MM-DD) of a strict ISO date, as the author saw it. */
export function day(isoDate: string): string {
  return isoDate.slice(0, 10);
}

/** Joins markdown blocks with one blank line and ends with a newline. */
export function blocks(parts: readonly (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n') + '\n';
}

/** Pretty JSON with a final newline, so output diffs cleanly and stays byte-stable. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
