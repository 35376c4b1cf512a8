/**
 * The `why` report: the decisions and dead ends recorded by the commits that
 * touched a path or a line range.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "path": "src/app.ts",
 *   "lines": { "start": 3, "end": 5 } | null,     // null: the whole file
 *   "decisions": [{ "text", "reason": string | null, "commit", "short", "subject", "author", "date" }],
 *   "deadEnds":  [ same as decisions ],
 *   "commits": [{ "commit", "short", "subject", "author", "date", "parents",
 *                 "decisions": [{ "text", "reason" }], "deadEnds": [...],
 *                 "journal": [JournalEntry] }]   // newest first, as git log lists them
 * }
 */
import type { JournalEntry } from '../journal/entry.js';
import { attributed, blocks, commitJson, day, inline, json, reasonedLine, type CommitJson } from './commits.js';
import type { WhyTarget } from './targets.js';
import type { Attributed, CommitRecord, JournalByCommit } from './types.js';

export interface WhyReport {
  path: string;
  lines: { start: number; end: number } | null;
  decisions: Attributed[];
  deadEnds: Attributed[];
  commits: CommitJson[];
}

export function buildWhy(target: WhyTarget, commits: readonly CommitRecord[], journal: JournalByCommit): WhyReport {
  return {
    path: target.path,
    lines: target.lines,
    decisions: attributed(commits, 'decisions'),
    deadEnds: attributed(commits, 'deadEnds'),
    commits: commits.map((c) => commitJson(c, journal)),
  };
}

function label(report: WhyReport): string {
  if (!report.lines) return report.path;
  const { start, end } = report.lines;
  return `${report.path}:${start === end ? start : `${start}-${end}`}`;
}

/** One line about a journal entry: when, where, and the status it recorded. */
export function journalLine(entry: JournalEntry): string {
  const parts = [`${entry.time} on ${entry.branch}`];
  if (entry.goal) parts.push(`goal: ${entry.goal}`);
  if (entry.status) parts.push(`status: ${entry.status}`);
  return `Journal: ${parts.join('; ')}`;
}

function commitBlock(c: CommitJson): string {
  const lines = [`## ${c.short} ${inline(c.subject)}`, '', `${inline(c.author)}, ${day(c.date)}`, ''];
  for (const d of c.decisions) lines.push(`- Decision: ${inline(reasonedLine(d))}`);
  for (const d of c.deadEnds) lines.push(`- Dead end: ${inline(reasonedLine(d))}`);
  for (const e of c.journal) lines.push(`- ${inline(journalLine(e))}`);
  return lines.join('\n');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Markdown: each commit that recorded something, then the list of every commit found. */
export function renderWhyMarkdown(report: WhyReport): string {
  const what = label(report);
  const scope = report.lines ? 'these lines' : 'this path';
  if (report.commits.length === 0) return blocks([`# Why ${what}`, `No commits touched ${what}.`]);
  const recorded = report.commits.filter((c) => c.decisions.length + c.deadEnds.length + c.journal.length > 0);
  const found = `## Commits\n\n${report.commits.map((c) => `- ${c.short} ${day(c.date)} ${inline(c.subject)}`).join('\n')}`;
  if (report.decisions.length + report.deadEnds.length === 0) {
    return blocks([
      `# Why ${what}`,
      `No decisions or dead ends were recorded in the ${plural(report.commits.length, 'commit', 'commits')} that touched ${scope}.`,
      ...recorded.map(commitBlock),
      found,
    ]);
  }
  return blocks([
    `# Why ${what}`,
    `${plural(report.decisions.length, 'decision', 'decisions')} and ${plural(report.deadEnds.length, 'dead end', 'dead ends')} ` +
      `in the ${plural(report.commits.length, 'commit', 'commits')} that touched ${scope}.`,
    ...recorded.map(commitBlock),
    found,
  ]);
}

export function renderWhyJson(report: WhyReport): string {
  return json(report);
}
