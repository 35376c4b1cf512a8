import type { JournalEntry } from '../journal/entry.js';
import { blocks, commitJson } from './commits.js';
import { commitJsonPieces, insertJournalJson, journalJsonText } from './commit-json-text.js';
import { insertJournalLines, journalLines, logEntry, logTitle, type LogFilters } from './log.js';
import { shallowNote } from './why.js';
import { ownAtCutOff } from './journal-owners.js';
import type { CommitRecord } from './types.js';

/**
 * Renders the log one commit at a time, as commits arrive, and hands the text over
 * as it is made, so a history of any size is never held, as objects or as text.
 * The text, taken piece by piece, is byte-identical to rendering the whole report.
 */
export interface LogWriter {
  /** Adds the next commit, newest first, with the journal entries its own diff added. */
  add(commit: CommitRecord, journal?: readonly JournalEntry[]): void;
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
  /**
   * What comes before the first commit, after the last (given the listed commits where a
   * shallow clone's history stops), and instead of both when there is none.
   */
  head(filters: LogFilters): string;
  tail(shallow: readonly string[]): string;
  empty(filters: LogFilters): string;
}

const jsonHead = (filters: LogFilters) => JSON.stringify({ filters, commits: [], shallow: [] }, null, 2);

const JSON_FORMAT: Format = {
  separator: ITEM_SEPARATOR,
  write: commitJsonPieces,
  renderJournal: journalJsonText,
  insertJournal: insertJournalJson,
  head: (filters) => {
    const head = JSON.stringify({ filters, commits: [] }, null, 2);
    return `${head.slice(0, head.lastIndexOf('[]'))}[\n    `;
  },
  // The fields after "commits", as JSON.stringify lays them out one level in.
  tail: (shallow) => `\n  ],\n${JSON.stringify({ shallow }, null, 2).slice(2)}\n`,
  empty: (filters) => jsonHead(filters) + '\n',
};

const MARKDOWN_FORMAT: Format = {
  separator: '\n\n',
  write: (commit, pieces) => pieces.push(logEntry(commitJson(commit, NONE))),
  renderJournal: journalLines,
  insertJournal: insertJournalLines,
  head: (filters) => `${logTitle(filters)}\n\n`,
  tail: (shallow) => {
    const note = shallowNote(shallow);
    return note === null ? '\n' : `\n\n${note}\n`;
  },
  empty: (filters) => blocks([logTitle(filters), 'No commits match.']),
};

/**
 * Starts a log output in `format`. Each commit is written as pieces, joined only
 * when the text is taken: a few hundred commits at once, so a big history is neither
 * a hundred thousand small strings for the garbage collector to trace nor copied
 * piece by piece.
 */
export function logWriter(filters: LogFilters, format: 'md' | 'json', shallow: ReadonlySet<string> = new Set()): LogWriter {
  const f = format === 'json' ? JSON_FORMAT : MARKDOWN_FORMAT;
  let pieces: string[] = [];
  let count = 0;
  const cut: string[] = [];
  return {
    add(commit, journal) {
      pieces.push(count === 0 ? f.head(filters) : f.separator);
      count++;
      if (shallow.has(commit.hash)) {
        cut.push(commit.short);
        journal = journal && ownAtCutOff(commit, journal);
      }
      if (!journal || journal.length === 0) {
        f.write(commit, pieces);
        return;
      }
      const own: string[] = [];
      f.write(commit, own);
      pieces.push(f.insertJournal(own.join(''), f.renderJournal(journal)));
    },
    take() {
      const text = pieces.join('');
      pieces = [];
      return text;
    },
    finish() {
      return count === 0 ? f.empty(filters) : this.take() + f.tail(cut);
    },
  };
}
