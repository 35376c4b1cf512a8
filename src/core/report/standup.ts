/**
 * The `standup` report: done, decided, ruled out and next, in short lines.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "since": "2026-11-06 00:00:00 +0100",   // as passed to git
 *   "author": "ada@example.com",            // the --author pattern used
 *   "done": [{ "commit", "short", "subject", "date" }],                 // oldest first
 *   "decided":  [{ "text", "reason": string | null, "commit", "short", "subject", "author", "date" }],
 *   "ruledOut": [ same as decided ],
 *   "next": string[],                       // SESSION.md next steps
 *   "status": string | null                 // SESSION.md status
 * }
 */
import { attributed, blocks, inline, json, reasonedLine, statusNote } from './commits.js';
import type { SessionView } from './session-view.js';
import type { Attributed, CommitRecord } from './types.js';

export interface Standup {
  since: string;
  author: string;
  done: { commit: string; short: string; subject: string; date: string }[];
  decided: Attributed[];
  ruledOut: Attributed[];
  next: string[];
  status: string | null;
}

/** Builds the standup from `git log` records (newest first) and the current SESSION.md, if any. */
export function buildStandup(
  since: string,
  author: string,
  commits: readonly CommitRecord[],
  session: SessionView | null,
): Standup {
  const oldestFirst = [...commits].reverse();
  return {
    since,
    author,
    done: oldestFirst.map((c) => ({ commit: c.hash, short: c.short, subject: c.subject, date: c.date })),
    decided: attributed(oldestFirst, 'decisions'),
    ruledOut: attributed(oldestFirst, 'deadEnds'),
    next: session?.nextSteps ?? [],
    status: session?.status ?? null,
  };
}

const bullet = (text: string) => `- ${inline(text)}`;

export function renderStandupMarkdown(s: Standup): string {
  const next = s.next.length > 0 ? s.next.map(bullet) : s.status !== null ? [bullet(s.status)] : [];
  return blocks([
    `# Standup since ${s.since}`,
    `## Done\n\n${s.done.length > 0 ? s.done.map((d) => bullet(d.subject)).join('\n') : 'Nothing committed in this period.'}`,
    s.decided.length > 0 && `## Decided\n\n${s.decided.map((d) => bullet(reasonedLine(d) + statusNote(d))).join('\n')}`,
    s.ruledOut.length > 0 && `## Ruled out\n\n${s.ruledOut.map((d) => bullet(reasonedLine(d) + statusNote(d))).join('\n')}`,
    next.length > 0 && `## Next\n\n${next.join('\n')}`,
  ]);
}

export function renderStandupJson(s: Standup): string {
  return json(s);
}
