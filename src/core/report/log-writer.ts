import type { JournalEntry } from '../journal/entry.js';
import { blocks, commitJson } from './commits.js';
import { commitJsonPieces, insertJournalJson, journalJsonText } from './commit-json-text.js';
import { insertJournalLines, journalLines, logEntry, logTitle, type LogFilters } from './log.js';
import type { CommitRecord } from './types.js';

/**
 * Renders the log one commit at a time, as commits arrive, so a history of any size
 * is never held as objects: each commit becomes its text at once. Journal entries
 * come from a separate git walk, in its own time and order: each is rendered as it
 * arrives and put in its commit's text at the end, by hash. The result is
 * byte-identical to rendering the whole report, whatever the interleaving.
 */
export interface LogWriter {
  /** Adds the next commit, newest first. */
  add(commit: CommitRecord): void;
  /** The journal entries a commit's own diff added, before or after the commit itself. */
  journal(hash: string, entries: readonly JournalEntry[]): void;
  /** The whole output; with `journal` false, as if no commit had journal entries. */
  finish(journal?: boolean): string;
}

// The separator of the "commits" array items in `JSON.stringify(report, null, 2)`.
const ITEM_SEPARATOR = ',\n    ';
const BATCH = 512;
const NONE: readonly JournalEntry[] = [];

interface Batch {
  text: string;
  /** Where each item's text ends in `text`. */
  ends: number[];
}

/** How one output format writes a commit and puts journal entries into it. */
interface Format {
  separator: string;
  write(commit: CommitRecord, pieces: string[]): void;
  renderJournal(entries: readonly JournalEntry[]): string;
  insertJournal(text: string, rendered: string): string;
}

/**
 * Joins item texts with the separator as they come, each written as pieces; the
 * pieces of a few hundred items are joined at once, so a big history is neither a
 * hundred thousand small strings for the garbage collector to trace nor copied
 * piece by piece. Item boundaries are kept, so the commits with journal entries can
 * be rewritten at the end: only those few, found by position.
 */
class Joiner {
  private pieces: string[] = [];
  private ends: number[] = [];
  private length = 0;
  private readonly batches: Batch[] = [];
  /** Item number by commit hash. */
  private readonly positions = new Map<string, number>();
  /** Rendered journal entries by item number. */
  private readonly journals = new Map<number, string>();
  /** Rendered journal entries of commits not added yet, by hash. */
  private readonly early = new Map<string, string>();
  count = 0;

  constructor(private readonly format: Format) {}

  add(commit: CommitRecord): void {
    const pieces = this.pieces;
    const separator = this.format.separator;
    if (this.ends.length > 0) {
      pieces.push(separator);
      this.length += separator.length;
    }
    const from = pieces.length;
    this.format.write(commit, pieces);
    for (let i = from; i < pieces.length; i++) this.length += pieces[i]!.length;
    this.ends.push(this.length);
    this.positions.set(commit.hash, this.count);
    if (this.early.size > 0) {
      const rendered = this.early.get(commit.hash);
      if (rendered !== undefined) {
        this.journals.set(this.count, rendered);
        this.early.delete(commit.hash);
      }
    }
    this.count++;
    if (this.ends.length === BATCH) this.seal();
  }

  journal(hash: string, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    const rendered = this.format.renderJournal(entries);
    const at = this.positions.get(hash);
    if (at === undefined) this.early.set(hash, rendered);
    else this.journals.set(at, rendered);
  }

  private seal(): void {
    this.batches.push({ text: this.pieces.join(''), ends: this.ends });
    this.pieces = [];
    this.ends = [];
    this.length = 0;
  }

  /** A batch's text with the journal entries of its items at `at` (ascending) put in. */
  private patched(b: number, at: number[]): string {
    const { text, ends } = this.batches[b]!;
    let out = '';
    let from = 0;
    for (const n of at) {
      const i = n - b * BATCH;
      const start = i === 0 ? 0 : ends[i - 1]! + this.format.separator.length;
      out += text.slice(from, start) + this.format.insertJournal(text.slice(start, ends[i]), this.journals.get(n)!);
      from = ends[i]!;
    }
    return out + text.slice(from);
  }

  /**
   * The joined texts between `before` and `after`. Left as a concatenation: whoever
   * writes it out flattens it once, where a join here would copy it all once more.
   */
  text(withJournal: boolean, before: string, after: string): string {
    if (this.ends.length > 0) this.seal();
    const byBatch = new Map<number, number[]>();
    if (withJournal) {
      for (const n of this.journals.keys()) {
        const b = Math.floor(n / BATCH);
        const list = byBatch.get(b);
        if (list) list.push(n);
        else byBatch.set(b, [n]);
      }
    }
    let out = before;
    for (let b = 0; b < this.batches.length; b++) {
      const at = byBatch.get(b);
      out += (b === 0 ? '' : this.format.separator) + (at ? this.patched(b, at.sort((x, y) => x - y)) : this.batches[b]!.text);
    }
    return out + after;
  }
}

const JSON_FORMAT: Format = {
  separator: ITEM_SEPARATOR,
  write: commitJsonPieces,
  renderJournal: journalJsonText,
  insertJournal: insertJournalJson,
};

const MARKDOWN_FORMAT: Format = {
  separator: '\n\n',
  write: (commit, pieces) => pieces.push(logEntry(commitJson(commit, NONE))),
  renderJournal: journalLines,
  insertJournal: insertJournalLines,
};

/** Starts a log output in `format`. */
export function logWriter(filters: LogFilters, format: 'md' | 'json'): LogWriter {
  const items = new Joiner(format === 'json' ? JSON_FORMAT : MARKDOWN_FORMAT);
  const finish =
    format === 'json'
      ? (journal = true) => {
          const head = JSON.stringify({ filters, commits: [] }, null, 2);
          if (items.count === 0) return head + '\n';
          return items.text(journal, `${head.slice(0, head.lastIndexOf('[]'))}[\n    `, '\n  ]\n}\n');
        }
      : (journal = true) =>
          items.count === 0 ? blocks([logTitle(filters), 'No commits match.']) : items.text(journal, `${logTitle(filters)}\n\n`, '\n');
  return { add: (commit) => items.add(commit), journal: (hash, entries) => items.journal(hash, entries), finish };
}
