/**
 * The data `git session timeline` embeds in its page, shared by the CLI that builds
 * it and the page script that reads it. Rows are tuples and repeated strings are
 * pooled, so 100,000 commits stay a few megabytes: names of fields live here, once.
 */

/** Bumped when the shape changes; the page refuses data of another version. */
export const TIMELINE_DATA_VERSION = 2;

/** A gap longer than this between two entries of one branch and author ends a session. */
export const SESSION_GAP_MINUTES = 120;

/** How far a decision still holds, judged from the history in the range. */
export type DecisionStatus = 'active' | 'reverted' | 'superseded' | 'withdrawn';

/** `[text, reason, status, by]`; reason null when none was given; `by`, the short id of the commit that retired it, only when it is not active. */
export type DecisionCell = [text: string, reason: string | null, status: DecisionStatus, by?: string];
/** `[text, reason]`. */
export type DeadEndCell = [text: string, reason: string | null];

/** Version index of the session file when there is none at that commit. */
export const NO_SESSION = -1;
/** Version index of the session file when it could not be read (bad front matter, binary, too large). */
export const UNREADABLE_SESSION = -2;

/** Field positions of an {@link Item}. */
export const I = {
  kind: 0,
  commit: 1,
  time: 2,
  clock: 3,
  group: 4,
  subject: 5,
  goal: 6,
  status: 7,
  decisions: 8,
  deadEnds: 9,
  files: 10,
  session: 11,
  before: 12,
  since: 13,
} as const;

/** One row: a commit, or a journal entry carried into history by a commit. */
export type Item = [
  /**
   * 0 a commit; 1 a checkpoint; 2 the entry of a commit not shown, carried by another
   * (one squashed into it, or one a revert put back); 3 the close of a session (`git session new`).
   */
  kind: 0 | 1 | 2 | 3,
  /** Full hash of the commit (for a carried entry: the commit that carried it). */
  commit: string,
  /** Seconds since the epoch. */
  time: number,
  /** `HH:MM` as the author's clock showed it. */
  clock: string,
  /** Index into {@link TimelineData.groups}. */
  group: number,
  /** The commit's subject; '' for a carried entry. */
  subject: string,
  /** From the journal entry; '' when there is none. */
  goal: string,
  status: string,
  decisions: DecisionCell[],
  deadEnds: DeadEndCell[],
  /** Flat triples: path index, lines added (-1 for a binary file), lines removed. */
  files: number[],
  /** Version of the session file at the commit: an index into `versions`, or NO_SESSION / UNREADABLE_SESSION. */
  session: number,
  /** The same at the commit's first parent (what the commit changed it from). */
  before: number,
  /** The journal's "since previous entry" (`42m`, `3h 05m`), '' when absent. */
  since: string,
];

/** `[day, branch index, author index, minutes recorded]`: one branch and author on one day. */
export type Group = [day: string, branch: number, author: number, minutes: number];

export interface TimelineData {
  version: typeof TIMELINE_DATA_VERSION;
  /** The repository's folder name. */
  repo: string;
  /** The revisions shown, as the reader gave them. */
  range: string;
  sessionFile: string;
  branches: string[];
  authors: string[];
  paths: string[];
  /** Newest day first; within a day, the group with the latest work first. */
  groups: Group[];
  /** Ordered by group, newest first within a group. */
  items: Item[];
  /** The commits shown where a shallow clone's history stops: what they seem to add may be older. */
  shallow: string[];
  /** Every distinct line of the session file's public text, across all versions. */
  lines: string[];
  /** Each version of the session file's public text, as indices into `lines`. */
  versions: number[][];
}
