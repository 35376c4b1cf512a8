/**
 * The `review` report: a pull-request description for a range of commits.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "range": "main..HEAD",
 *   "goal": string | null,                 // SESSION.md at the head of the range, when a commit of the range changed it
 *   "status": string | null,
 *   "nextSteps": string[],
 *   "decisions": [{ "text", "reason": string | null, "status": "active" | "reverted" | "superseded" | "withdrawn",
 *                   "changedBy": string | null,   // short id of the commit that reverted, superseded or withdrew it
 *                   "commit", "short", "subject", "author", "date" }],
 *                 // found in the commits' trailers AND in what they added to SESSION.md, each once
 *   "deadEnds":  [ same as decisions ],
 *   "retired": [{ "kind": "decision" | "deadEnd", "text", "reason", "status", "changedBy",
 *                 "commit", "short" }],   // recorded before the range (commit, short), taken out of
 *                                         // force by one of its commits (changedBy)
 *   "shallow": string[],                 // where a shallow clone's history stops (full ids); empty in a full clone
 *   "files":   [{ "path", "added", "removed", "lines", "commits", "binary" }],   // top 10 by lines changed;
 *                                      // renamed files under their newest name, journal files left out
 *   "commits": [{ "commit", "short", "subject", "author", "date" }]              // oldest first
 * }
 * Decisions and dead ends are listed oldest first, in message order within a commit.
 */
import { attributed, authorOf, blocks, inline, json, reasonedLine, statusNote } from './commits.js';
import { shownPath } from '../text/shown-path.js';
import type { SessionView } from './session-view.js';
import type { Attributed, CommitRecord, Reasoned } from './types.js';

/** At most this many files are listed as most touched. */
export const TOP_FILES = 10;

export interface FileTotal {
  path: string;
  added: number;
  removed: number;
  lines: number;
  commits: number;
  binary: boolean;
}

/** A decision or dead end recorded before a range that one of its commits took out of force. */
export interface RetiredItem extends Reasoned {
  kind: 'decision' | 'deadEnd';
  /** The commit that recorded it, before the range. */
  commit: string;
  short: string;
}

export interface Review {
  range: string;
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  decisions: Attributed[];
  deadEnds: Attributed[];
  /** Oldest first, as recorded. */
  retired: RetiredItem[];
  /** Where a shallow clone's history stops: what was recorded before it, and retired in the range, is not known. */
  shallow: string[];
  files: FileTotal[];
  commits: { commit: string; short: string; subject: string; author: string; date: string }[];
}

/**
 * Totals lines changed per path, most touched first. A renamed file counts under its
 * newest name, with what it gathered under the old one. `ignore` leaves out files the
 * tool writes itself (the journal), which say nothing about the change under review.
 */
export function mostTouched(commits: readonly CommitRecord[], limit = TOP_FILES, ignore: (path: string) => boolean = () => false): FileTotal[] {
  const totals = new Map<string, FileTotal>();
  // Oldest first, so a rename moves everything the file gathered before it.
  for (let i = commits.length - 1; i >= 0; i--) {
    for (const f of commits[i]!.files) {
      if (ignore(f.path)) continue;
      const moved = f.oldPath !== undefined && f.oldPath !== f.path ? totals.get(f.oldPath) : undefined;
      if (moved) totals.delete(f.oldPath!);
      const t = totals.get(f.path) ?? { path: f.path, added: 0, removed: 0, lines: 0, commits: 0, binary: false };
      if (moved) {
        t.added += moved.added;
        t.removed += moved.removed;
        t.commits += moved.commits;
        t.binary ||= moved.binary;
      }
      t.added += f.added ?? 0;
      t.removed += f.removed ?? 0;
      t.lines = t.added + t.removed;
      t.commits += 1;
      if (f.added === null) t.binary = true;
      totals.set(f.path, t);
    }
  }
  return [...totals.values()]
    .sort((a, b) => b.lines - a.lines || b.commits - a.commits || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, limit);
}

/**
 * Builds the review from `git log` records (newest first, as git lists them), what the
 * range retired of the work before it, and SESSION.md at the head. `isJournal` names
 * the journal files, left out of the files.
 */
export function buildReview(
  range: string,
  commits: readonly CommitRecord[],
  session: SessionView | null,
  isJournal: (path: string) => boolean = () => false,
  retired: readonly RetiredItem[] = [],
  shallow: readonly string[] = [],
): Review {
  const oldestFirst = [...commits].reverse();
  return {
    range,
    goal: session?.goal ?? null,
    status: session?.status ?? null,
    nextSteps: session?.nextSteps ?? [],
    decisions: attributed(oldestFirst, 'decisions'),
    deadEnds: attributed(oldestFirst, 'deadEnds'),
    retired: [...retired],
    shallow: [...shallow],
    files: mostTouched(commits, TOP_FILES, isJournal),
    commits: oldestFirst.map((c) => ({ commit: c.hash, short: c.short, subject: c.subject, author: authorOf(c), date: c.date })),
  };
}

/** How many items of each list a shortened review leaves out (a review that must fit a size limit). */
export type Omitted = Partial<Record<'decisions' | 'deadEnds' | 'retired' | 'nextSteps' | 'files' | 'commits', number>>;

function attributedLines(items: readonly Attributed[]): string[] {
  // The short hash is enough to find the commit: its subject is in the list of commits below.
  // Items no longer in force stay listed, named as such with the commit that retired them.
  return items.map((d) => `- ${inline(reasonedLine(d))} (${d.short})${statusNote(d)}`);
}

/** `- Decision: what — why (recorded in abc1234, reverted by 9d0e4f2)`: the commit before the range, and the one in it. */
function retiredLines(items: readonly RetiredItem[]): string[] {
  return items.map((d) => `- ${d.kind === 'decision' ? 'Decision' : 'Dead end'}: ${inline(reasonedLine(d))} (recorded in ${d.short}, ${d.status} by ${d.changedBy})`);
}

/** A list section, with a last line saying how many items were left out; false when there is nothing to say. */
function section(heading: string, lines: readonly string[], omitted = 0, empty?: string): string | false {
  const more = lines.length > 0 ? `- … ${omitted} more not shown here` : `- ${omitted} not shown here`;
  const all = omitted > 0 ? [...lines, more] : lines;
  if (all.length === 0) return empty === undefined ? false : `## ${heading}\n\n${empty}`;
  return `## ${heading}\n\n${all.join('\n')}`;
}

/**
 * The review as markdown ready to paste into a pull request. `omitted` counts what a
 * shortened review left out of each list, said at the end of that list.
 */
export function renderReviewMarkdown(review: Review, omitted: Omitted = {}): string {
  if (review.commits.length === 0 && !omitted.commits) return blocks([`# Review of ${review.range}`, `No commits in ${review.range}.`]);
  const files = review.files.map(
    (f) => `- ${shownPath(f.path)} (${f.binary && f.lines === 0 ? 'binary' : `+${f.added} -${f.removed}`}, ${f.commits} commit${f.commits === 1 ? '' : 's'})`,
  );
  return blocks([
    `# Review of ${review.range}`,
    review.goal !== null && `## Goal\n\n${inline(review.goal)}`,
    section('Decisions', attributedLines(review.decisions), omitted.decisions, 'No decisions were recorded in this range.'),
    section('Dead ends', attributedLines(review.deadEnds), omitted.deadEnds),
    section('Retired from earlier work', retiredLines(review.retired), omitted.retired),
    review.shallow.length > 0 &&
      `*This clone is shallow and its history stops at ${review.shallow.map((h) => h.slice(0, 7)).join(', ')}: what was recorded before that is not known, so what this range retired of it may be missing. \`git fetch --unshallow\` fetches the rest.*`,
    review.status !== null && `## Status\n\n${inline(review.status)}`,
    section('Next steps', review.nextSteps.map((s) => `- ${inline(s)}`), omitted.nextSteps),
    section('Files most touched', files, omitted.files),
    section('Commits', review.commits.map((c) => `- ${c.short} ${inline(c.subject)}`), omitted.commits),
  ]);
}

export function renderReviewJson(review: Review): string {
  return json(review);
}
