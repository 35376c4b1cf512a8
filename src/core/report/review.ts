/**
 * The `review` report: a pull-request description for a range of commits.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "range": "main..HEAD",
 *   "goal": string | null,                 // SESSION.md at the head of the range
 *   "status": string | null,
 *   "nextSteps": string[],
 *   "decisions": [{ "text", "reason": string | null, "commit", "short", "subject", "author", "date" }],
 *   "deadEnds":  [ same as decisions ],
 *   "files":   [{ "path", "added", "removed", "lines", "commits", "binary" }],   // top 10 by lines changed
 *   "commits": [{ "commit", "short", "subject", "author", "date" }]              // oldest first
 * }
 * Decisions and dead ends are listed oldest first, in message order within a commit.
 */
import { attributed, authorOf, blocks, inline, json, reasonedLine } from './commits.js';
import type { SessionView } from './session-view.js';
import type { Attributed, CommitRecord } from './types.js';

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

export interface Review {
  range: string;
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  decisions: Attributed[];
  deadEnds: Attributed[];
  files: FileTotal[];
  commits: { commit: string; short: string; subject: string; author: string; date: string }[];
}

/** Totals lines changed per path (renamed files count under their new name), most touched first. */
export function mostTouched(commits: readonly CommitRecord[], limit = TOP_FILES): FileTotal[] {
  const totals = new Map<string, FileTotal>();
  for (const c of commits) {
    for (const f of c.files) {
      const t = totals.get(f.path) ?? { path: f.path, added: 0, removed: 0, lines: 0, commits: 0, binary: false };
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

/** Builds the review from `git log` records (newest first, as git lists them) and SESSION.md at the head. */
export function buildReview(range: string, commits: readonly CommitRecord[], session: SessionView | null): Review {
  const oldestFirst = [...commits].reverse();
  return {
    range,
    goal: session?.goal ?? null,
    status: session?.status ?? null,
    nextSteps: session?.nextSteps ?? [],
    decisions: attributed(oldestFirst, 'decisions'),
    deadEnds: attributed(oldestFirst, 'deadEnds'),
    files: mostTouched(commits),
    commits: oldestFirst.map((c) => ({ commit: c.hash, short: c.short, subject: c.subject, author: authorOf(c), date: c.date })),
  };
}

function attributedList(items: readonly Attributed[]): string {
  return items.map((d) => `- ${inline(reasonedLine(d))} (${d.short} ${inline(d.subject)})`).join('\n');
}

/** The review as markdown ready to paste into a pull request. */
export function renderReviewMarkdown(review: Review): string {
  if (review.commits.length === 0) return blocks([`# Review of ${review.range}`, `No commits in ${review.range}.`]);
  const files = review.files.map(
    (f) => `- ${f.path} (${f.binary && f.lines === 0 ? 'binary' : `+${f.added} -${f.removed}`}, ${f.commits} commit${f.commits === 1 ? '' : 's'})`,
  );
  return blocks([
    `# Review of ${review.range}`,
    review.goal !== null && `## Goal\n\n${inline(review.goal)}`,
    `## Decisions\n\n${review.decisions.length > 0 ? attributedList(review.decisions) : 'No decisions were recorded in this range.'}`,
    review.deadEnds.length > 0 && `## Dead ends\n\n${attributedList(review.deadEnds)}`,
    review.status !== null && `## Status\n\n${inline(review.status)}`,
    review.nextSteps.length > 0 && `## Next steps\n\n${review.nextSteps.map((s) => `- ${inline(s)}`).join('\n')}`,
    files.length > 0 && `## Files most touched\n\n${files.join('\n')}`,
    `## Commits\n\n${review.commits.map((c) => `- ${c.short} ${inline(c.subject)}`).join('\n')}`,
  ]);
}

export function renderReviewJson(review: Review): string {
  return json(review);
}
