/**
 * The `why` report: the decisions and dead ends recorded by the commits that
 * touched a path or a line range.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "path": "src/app.ts",
 *   "lines": { "start": 3, "end": 5 } | null,     // null: the whole file
 *   "mode": "blame" | "history" | "path",         // blame: the last change of each line (default for lines);
 *                                                 // history: every commit that touched the range (git log -L);
 *                                                 // path: every commit that touched the file (git log --follow)
 *   "uncommitted": [4, 5],                        // lines of the range not committed yet (else []); line
 *                                                 // numbers are the work tree's in blame and history mode
 *   "private": [2, 3],                            // lines of the range in a private region of the session
 *                                                 // file: kept on this machine, never committed (else [])
 *   "shallow": ["abc1234"],                       // commits listed where a shallow clone's history is cut off:
 *                                                 // the lines or file may be older than them (else [])
 *   "decisions": [{ "text", "reason": string | null, "commit", "short", "subject", "author", "date",
 *                   "recordedIn"?: string }],     // recordedIn: under a revert that put it back in force
 *                                                 // (blame names the revert of a revert), the short id of
 *                                                 // the commit that recorded it
 *   "deadEnds":  [ same as decisions ],
 *   "withheld": { "reverted": 0, "superseded": 0, "withdrawn": 0 },
 *                                                 // items left out as no longer in force, by status (the
 *                                                 // MCP tool gives only what is in force; else all 0)
 *   "commits": [{ "commit", "short", "subject", "author", "date", "parents",
 *                 "decisions": [{ "text", "reason" }], "deadEnds": [...],
 *                 "journal": [JournalEntry] }]   // newest first (by commit date)
 * }
 */
import type { JournalEntry } from '../journal/entry.js';
import { activeOnly, attributed, blocks, commitJson, day, inline, json, reasonedLine, statusNote, type CommitJson } from './commits.js';
import { lineRanges } from './blame.js';
import { ownAtCutOff } from './journal-owners.js';
import type { WhyTarget } from './targets.js';
import type { Attributed, CommitRecord, JournalByCommit } from './types.js';

/** How the commits were found: see the JSON shape above. */
export type WhyMode = 'blame' | 'history' | 'path';

export interface WhyReport {
  path: string;
  lines: { start: number; end: number } | null;
  mode: WhyMode;
  uncommitted: number[];
  /** Lines of the range in a private region of the session file, which no commit holds. */
  private: number[];
  /** Short hashes of the listed commits at a shallow clone's boundary. */
  shallow: string[];
  decisions: Attributed[];
  deadEnds: Attributed[];
  /** How many items were left out as no longer in force, by status: all zero when every item is listed. */
  withheld: Record<Retired, number>;
  commits: CommitJson[];
}

type Retired = 'reverted' | 'superseded' | 'withdrawn';
const RETIRED: readonly Retired[] = ['reverted', 'superseded', 'withdrawn'];

export function buildWhy(
  target: WhyTarget,
  commits: readonly CommitRecord[],
  journal: JournalByCommit,
  found: { mode: WhyMode; uncommitted?: readonly number[]; private?: readonly number[] } = { mode: target.lines ? 'history' : 'path' },
  shallow: ReadonlySet<string> = new Set(),
): WhyReport {
  return {
    path: target.path,
    lines: target.lines,
    mode: found.mode,
    uncommitted: [...(found.uncommitted ?? [])].sort((a, b) => a - b),
    private: [...(found.private ?? [])].sort((a, b) => a - b),
    shallow: commits.filter((c) => shallow.has(c.hash)).map((c) => c.short),
    decisions: attributed(commits, 'decisions'),
    deadEnds: attributed(commits, 'deadEnds'),
    withheld: { reverted: 0, superseded: 0, withdrawn: 0 },
    // Where the history stops, a commit seems to add every older entry: it keeps its own.
    commits: commits.map((c) => commitJson(c, shallow.has(c.hash) ? ownAtCutOff(c, journal.get(c.hash) ?? []) : journal)),
  };
}

/**
 * The report with only the items still in force: what an assistant is given. How many
 * were left out is kept, so that it is told they were retired rather than never recorded.
 */
export function onlyActive(report: WhyReport): WhyReport {
  const withheld = { ...report.withheld };
  for (const item of [...report.decisions, ...report.deadEnds]) {
    if (item.status !== undefined && item.status !== 'active') withheld[item.status]++;
  }
  return {
    ...report,
    decisions: activeOnly(report.decisions),
    deadEnds: activeOnly(report.deadEnds),
    withheld,
    commits: report.commits.map((c) => ({ ...c, decisions: activeOnly(c.decisions), deadEnds: activeOnly(c.deadEnds) })),
  };
}

function label(report: WhyReport): string {
  if (!report.lines) return report.path;
  const { start, end } = report.lines;
  return `${report.path}:${start === end ? start : `${start}-${end}`}`;
}

/**
 * One line about a journal entry: when, where, and the status it recorded. The goal
 * stays in the JSON only: it is the same for a whole session, and repeated under
 * every commit it buried the status.
 */
export function journalLine(entry: JournalEntry): string {
  const parts = [`${entry.time} on ${entry.branch}`];
  if (entry.reverts) parts.push(`reverts ${entry.reverts}`);
  if (entry.status) parts.push(`status: ${entry.status}`);
  // A checkpoint or a session's close beside a commit's entry must not read as a second commit.
  return `Journal${entry.kind === 'commit' ? '' : ` (${entry.kind})`}: ${parts.join('; ')}`;
}

function commitBlock(c: CommitJson): string {
  const lines = [`## ${c.short} ${inline(c.subject)}`, '', `${inline(c.author)}, ${day(c.date)}`, ''];
  for (const d of c.decisions) lines.push(`- Decision: ${inline(reasonedLine(d))}${statusNote(d)}`);
  for (const d of c.deadEnds) lines.push(`- Dead end: ${inline(reasonedLine(d))}${statusNote(d)}`);
  for (const e of c.journal) lines.push(`- ${inline(journalLine(e))}`);
  return lines.join('\n');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const MODE_LINE: Record<WhyMode, string | null> = {
  blame: 'Found by: last change of each line (git blame). Add --history for every commit that ever touched these lines.',
  history: 'Found by: full history of the range (git log -L).',
  path: null,
};

function pending(lines: readonly number[]): string | null {
  if (lines.length === 0) return null;
  return `${lines.length === 1 ? 'Line' : 'Lines'} ${lineRanges(lines)} ${lines.length === 1 ? 'is' : 'are'} not committed yet.`;
}

function privateNote(lines: readonly number[]): string | null {
  if (lines.length === 0) return null;
  const one = lines.length === 1;
  return `${one ? 'Line' : 'Lines'} ${lineRanges(lines)} ${one ? 'is' : 'are'} private: kept on this machine, never committed.`;
}

/** What a reader is told when a report lists commits where a shallow clone's history stops. */
export function shallowNote(shallow: readonly string[]): string | null {
  if (shallow.length === 0) return null;
  return (
    `This clone is shallow and its history stops at ${shallow.join(', ')}: what is credited to ${shallow.length === 1 ? 'that commit' : 'those commits'} ` +
    'may be older. `git fetch --unshallow` fetches the rest.'
  );
}

/** Markdown: how the commits were found, each commit that recorded something, then the list of every commit found. */
export function renderWhyMarkdown(report: WhyReport): string {
  const what = label(report);
  const head = [`# Why ${what}`, MODE_LINE[report.mode], pending(report.uncommitted), privateNote(report.private ?? []), shallowNote(report.shallow ?? [])];
  if (report.commits.length === 0) {
    return blocks([...head, report.uncommitted.length > 0 || (report.private ?? []).length > 0 ? null : `No commits touched ${what}.`]);
  }
  const scope = report.mode === 'blame' ? 'last changed these lines' : report.lines ? 'touched these lines' : 'touched this path';
  const commits = plural(report.commits.length, 'commit', 'commits');
  const recorded = report.commits.filter((c) => c.decisions.length + c.deadEnds.length + c.journal.length > 0);
  const found = `## Commits\n\n${report.commits.map((c) => `- ${c.short} ${day(c.date)} ${inline(c.subject)}`).join('\n')}`;
  const withheld = RETIRED.filter((s) => report.withheld[s] > 0).map((s) => `${report.withheld[s]} ${s}`);
  const shown = report.decisions.length + report.deadEnds.length;
  const counts = `${plural(report.decisions.length, 'decision', 'decisions')} and ${plural(report.deadEnds.length, 'dead end', 'dead ends')}`;
  // What was left out is counted: "none recorded" would invite retrying a reverted approach.
  const summary =
    withheld.length === 0
      ? shown === 0
        ? `No decisions or dead ends were recorded in the ${commits} that ${scope}.`
        : `${counts} in the ${commits} that ${scope}.`
      : shown === 0
        ? `None in force in the ${commits} that ${scope}: ${withheld.join(', ')}.`
        : `${counts} in force in the ${commits} that ${scope}; not in force: ${withheld.join(', ')}.`;
  return blocks([...head, summary, ...recorded.map(commitBlock), found]);
}

export function renderWhyJson(report: WhyReport): string {
  return json(report);
}
