/**
 * The `log` report: the work entries of a period.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "filters": { "since": string | null, "until": string | null, "author": string | null,
 *                "grep": string | null, "paths": string[] },   // as given, never reinterpreted
 *   "commits": [{ "commit", "short", "subject", "author", "date", "parents",
 *                 "decisions": [{ "text", "reason": string | null }], "deadEnds": [...],
 *                 "journal": [JournalEntry] }],                 // newest first, as git log lists them
 *   "shallow": ["abc1234"]              // listed commits where a shallow clone's history is cut off:
 *                                       // what is credited to them may be older (else [])
 * }
 */
import type { JournalEntry } from '../journal/entry.js';
import { blocks, commitJson, day, inline, json, reasonedLine, statusNote, type CommitJson } from './commits.js';
import { journalLine, shallowNote } from './why.js';
import type { CommitRecord, JournalByCommit } from './types.js';

export interface LogFilters {
  since: string | null;
  until: string | null;
  author: string | null;
  grep: string | null;
  paths: string[];
}

export interface LogReport {
  filters: LogFilters;
  commits: CommitJson[];
  /** Short hashes of the listed commits at a shallow clone's boundary. */
  shallow: string[];
}

export function buildLog(
  filters: LogFilters,
  commits: readonly CommitRecord[],
  journal: JournalByCommit,
  shallow: ReadonlySet<string> = new Set(),
): LogReport {
  return {
    filters,
    commits: commits.map((c) => commitJson(c, journal)),
    shallow: commits.filter((c) => shallow.has(c.hash)).map((c) => c.short),
  };
}

function describe(filters: LogFilters): string {
  const parts: string[] = [];
  if (filters.since !== null) parts.push(`since ${filters.since}`);
  if (filters.until !== null) parts.push(`until ${filters.until}`);
  if (filters.author !== null) parts.push(`by ${filters.author}`);
  if (filters.grep !== null) parts.push(`matching "${filters.grep}"`);
  if (filters.paths.length > 0) parts.push(`touching ${filters.paths.join(', ')}`);
  return parts.join(', ');
}

/** One commit of the markdown log. */
export function logEntry(c: CommitJson): string {
  const lines = [`## ${day(c.date)} ${c.short} ${inline(c.subject)}`, '', inline(c.author)];
  const details: string[] = [];
  for (const d of c.decisions) details.push(`- Decision: ${inline(reasonedLine(d))}${statusNote(d)}`);
  for (const d of c.deadEnds) details.push(`- Dead end: ${inline(reasonedLine(d))}${statusNote(d)}`);
  for (const e of c.journal) details.push(journalItem(e));
  if (details.length > 0) lines.push('', ...details);
  return lines.join('\n');
}

function journalItem(e: JournalEntry): string {
  return `- ${inline(journalLine(e))}`;
}

/** A commit's journal entries as the lines of its markdown log entry. */
export function journalLines(journal: readonly JournalEntry[]): string {
  return journal.map(journalItem).join('\n');
}

/**
 * Puts journal lines (from `journalLines`) into a markdown log entry written without
 * journal entries: byte-identical to writing them in.
 */
export function insertJournalLines(text: string, lines: string): string {
  // The first blank line follows the heading; a second one opens the details, when there are any.
  const hasDetails = text.indexOf('\n\n', text.indexOf('\n\n') + 2) >= 0;
  return `${text}${hasDetails ? '\n' : '\n\n'}${lines}`;
}

/** The heading of the markdown log. */
export function logTitle(filters: LogFilters): string {
  const scope = describe(filters);
  return scope === '' ? '# Work log' : `# Work log ${scope}`;
}

export function renderLogMarkdown(report: LogReport): string {
  if (report.commits.length === 0) return blocks([logTitle(report.filters), 'No commits match.']);
  // Said after the commits, where the history stops.
  return blocks([logTitle(report.filters), ...report.commits.map(logEntry), shallowNote(report.shallow)]);
}

export function renderLogJson(report: LogReport): string {
  return json(report);
}
