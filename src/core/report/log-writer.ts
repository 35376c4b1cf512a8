import type { JournalEntry } from '../journal/entry.js';
import { blocks, commitJson } from './commits.js';
import { commitJsonPieces, insertJournalJson, journalJsonText } from './commit-json-text.js';
import { insertJournalLines, journalLines, logEntry, logTitle, type LogFilters } from './log.js';
import type { CommitRecord } from './types.js';

/**
 * Renders the log one commit at a time, as commits arrive, and hands the text over
 * as it is made, so a history of any size is never held, as objects or as text.
 * Journal entries come from a separate git walk that is read first: each is rendered
 * as it arrives and kept until its commit is written. The text, taken piece by
 * piece, is byte-identical to rendering the whole report.
 */
export interface LogWriter {
  /** The journal entries a commit's own diff added; given before the commit itself. */
  journal(hash: string, entries: readonly JournalEntry[]): void;
  /** Forgets every journal entry given: the log is written as if no commit had any. */
  dropJournal(): void;
  /** Adds the next commit, newest first. */
  add(commit: CommitRecord): void;
  /** The text written since the last take; ends outside any JSON string. */
  take(): string;
  /** The rest of the text, to the end of the output. */
  finish(): string;
}

// The separator of the "commits" array items in `JSON.stringify(report, null, 2)`.
const ITEM_SEPARATOR = ',\n    ';
const NONE: readonly JournalEntry[] = [];

/** How one output format writes a commit and puts journal entries into it. */
interface Format {
  separator: string;
  write(commit: CommitRecord, pieces: string[]): void;
  renderJournal(entries: readonly JournalEntry[]): string;
  insertJournal(text: string, rendered: string): string;
  /** What comes before the first commit, after the last, and instead of both when there is none. */
  head(filters: LogFilters): string;
  tail: string;
  empty(filters: LogFilters): string;
}

const jsonHead = (filters: LogFilters) => JSON.stringify({ filters, commits: [] }, null, 2);

const JSON_FORMAT: Format = {
  separator: ITEM_SEPARATOR,
  write: commitJsonPieces,
  renderJournal: journalJsonText,
  insertJournal: insertJournalJson,
  head: (filters) => {
    const head = jsonHead(filters);
    return `${head.slice(0, head.lastIndexOf('[]'))}[\n    `;
  },
  tail: '\n  ]\n}\n',
  empty: (filters) => jsonHead(filters) + '\n',
};

const MARKDOWN_FORMAT: Format = {
  separator: '\n\n',
  write: (commit, pieces) => pieces.push(logEntry(commitJson(commit, NONE))),
  renderJournal: journalLines,
  insertJournal: insertJournalLines,
  head: (filters) => `${logTitle(filters)}\n\n`,
  tail: '\n',
  empty: (filters) => blocks([logTitle(filters), 'No commits match.']),
};

/**
 * Starts a log output in `format`. Each commit is written as pieces, joined only
 * when the text is taken: a few hundred commits at once, so a big history is neither
 * a hundred thousand small strings for the garbage collector to trace nor copied
 * piece by piece.
 */
export function logWriter(filters: LogFilters, format: 'md' | 'json'): LogWriter {
  const f = format === 'json' ? JSON_FORMAT : MARKDOWN_FORMAT;
  /** Rendered journal entries of commits not written yet, by hash. */
  const journals = new Map<string, string>();
  let pieces: string[] = [];
  let count = 0;
  return {
    journal(hash, entries) {
      if (entries.length > 0) journals.set(hash, f.renderJournal(entries));
    },
    dropJournal: () => journals.clear(),
    add(commit) {
      pieces.push(count === 0 ? f.head(filters) : f.separator);
      count++;
      const rendered = journals.size > 0 ? journals.get(commit.hash) : undefined;
      if (rendered === undefined) {
        f.write(commit, pieces);
        return;
      }
      journals.delete(commit.hash);
      const own: string[] = [];
      f.write(commit, own);
      pieces.push(f.insertJournal(own.join(''), rendered));
    },
    take() {
      const text = pieces.join('');
      pieces = [];
      return text;
    },
    finish() {
      journals.clear();
      return count === 0 ? f.empty(filters) : this.take() + f.tail;
    },
  };
}
