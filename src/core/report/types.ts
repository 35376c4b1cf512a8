import type { JournalEntry } from '../journal/entry.js';

/** Lines changed in one file by one commit, from `git log --numstat`. */
export interface FileStat {
  /** Path after the commit (the new name of a rename). */
  path: string;
  /** Path before a rename or copy. */
  oldPath?: string;
  /** Lines added; null for a binary file. */
  added: number | null;
  removed: number | null;
}

/** One commit as read back from `git log`: identity, subject, and its session trailers. */
export interface CommitRecord {
  hash: string;
  short: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author date, strict ISO 8601 with the author's offset. */
  date: string;
  subject: string;
  /** Raw values of the decision trailers, in message order. */
  decisions: string[];
  /** Raw values of the dead-end trailers (every accepted key), in message order. */
  deadEnds: string[];
  /** Filled only when numstat was asked for; empty for merges. */
  files: FileStat[];
  /**
   * What the commit recorded, read from its tree diff and its trailers (each item
   * once) with what became of it; when set, readers use it instead of the trailers.
   */
  items?: { decisions: Reasoned[]; deadEnds: Reasoned[] };
}

/** What became of a recorded decision or dead end (see src/core/history/status.ts). */
export type ItemState = 'active' | 'reverted' | 'superseded' | 'withdrawn';

/** A decision or dead end split into what and why. */
export interface Reasoned {
  text: string;
  /** Null when the trailer gave no reason. */
  reason: string | null;
  /** Whether it is still in force; absent where the record was not read from the tree. */
  status?: ItemState;
  /** Short id of the commit that reverted, superseded or withdrew it. */
  changedBy?: string | null;
  /** Shown under a revert that put it back in force: the short id of the commit that recorded it. */
  recordedIn?: string;
}

/** A decision or dead end together with the commit that recorded it. */
export interface Attributed extends Reasoned {
  commit: string;
  short: string;
  subject: string;
  author: string;
  date: string;
}

/** Journal entries each commit added, by full hash. */
export type JournalByCommit = ReadonlyMap<string, JournalEntry[]>;
