/**
 * The `log` report: the work entries of a period.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "filters": { "since": string | null, "until": string | null, "author": string | null,
 *                "grep": string | null, "paths": string[] },   // as given, never reinterpreted
 *   "commits": [{ "commit", "short", "subject", "author", "date", "parents",
 *                 "decisions": [{ "text", "reason": string | null }], "deadEnds": [...],
 *                 "journal": [JournalEntry] }]                  // newest first, as git log lists them
 * }
 */
import type { JournalEntry } from '../journal/entry.js';
import { blocks, commitJson, day, inline, json, reasonedLine, type CommitJson } from './commits.js';
import { commitJsonText } from './commit-json-text.js';
import { journalLine } from './why.js';
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
}

export function buildLog(filters: LogFilters, commits: readonly CommitRecord[], journal: JournalByCommit): LogReport {
  return { filters, commits: commits.map((c) => commitJson(c, journal)) };
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

function entry(c: CommitJson): string {
  const lines = [`## ${day(c.date)} ${c.short} ${inline(c.subject)}`, '', inline(c.author)];
  const details: string[] = [];
  for (const d of c.decisions) details.push(`- Decision: ${inline(reasonedLine(d))}`);
  for (const d of c.deadEnds) details.push(`- Dead end: ${inline(reasonedLine(d))}`);
  for (const e of c.journal) details.push(`- ${inline(journalLine(e))}`);
  if (details.length > 0) lines.push('', ...details);
  return lines.join('\n');
}

function title(filters: LogFilters): string {
  const scope = describe(filters);
  return scope === '' ? '# Work log' : `# Work log ${scope}`;
}

/**
 * Renders the log one commit at a time, as commits arrive, so a history of any
 * size is never held as objects: each commit becomes its text at once. The result
 * is byte-identical to rendering the whole report.
 */
export interface LogWriter {
  add(commit: CommitRecord, journal: readonly JournalEntry[]): void;
  /** The whole output. */
  finish(): string;
}

// The separator of the "commits" array items in `JSON.stringify(report, null, 2)`.
const ITEM_SEPARATOR = ',\n    ';
const BATCH = 512;

/**
 * Joins texts with `separator` as they come. Each text is a tree of small string
 * pieces until joined; joining every few hundred keeps the garbage collector from
 * tracing a hundred thousand such trees on a big history.
 */
class Joiner {
  private batch: string[] = [];
  private joined: string[] = [];
  count = 0;
  constructor(private readonly separator: string) {}
  push(text: string): void {
    this.batch.push(text);
    this.count++;
    if (this.batch.length === BATCH) {
      this.joined.push(this.batch.join(this.separator));
      this.batch = [];
    }
  }
  text(): string {
    if (this.batch.length > 0) this.joined.push(this.batch.join(this.separator));
    this.batch = [];
    return this.joined.join(this.separator);
  }
}

/** Starts a log output in `format`. */
export function logWriter(filters: LogFilters, format: 'md' | 'json'): LogWriter {
  if (format === 'json') {
    const items = new Joiner(ITEM_SEPARATOR);
    return {
      add: (commit, journal) => items.push(commitJsonText(commitJson(commit, journal))),
      finish: () => {
        const head = JSON.stringify({ filters, commits: [] }, null, 2);
        if (items.count === 0) return head + '\n';
        return `${head.slice(0, head.lastIndexOf('[]'))}[\n    ${items.text()}\n  ]\n}\n`;
      },
    };
  }
  const entries = new Joiner('\n\n');
  return {
    add: (commit, journal) => entries.push(entry(commitJson(commit, journal))),
    finish: () => blocks([title(filters), entries.count === 0 ? 'No commits match.' : entries.text()]),
  };
}

export function renderLogMarkdown(report: LogReport): string {
  if (report.commits.length === 0) return blocks([title(report.filters), 'No commits match.']);
  return blocks([title(report.filters), ...report.commits.map(entry)]);
}

export function renderLogJson(report: LogReport): string {
  return json(report);
}
