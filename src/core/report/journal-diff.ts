import { parseEntries, type JournalEntry } from '../journal/entry.js';
import { normalisePath } from '../pipeline/paths.js';
import { RECORD_MARK } from './log-format.js';
import type { JournalByCommit } from './types.js';

const PLACEHOLDER = /(\{year\}|\{week\})/;

/**
 * A pathspec for the folder holding the journal files, from the repository root
 * whatever the working directory. A literal folder prefix lets git prune trees
 * (a glob pathspec made the walk twice as slow); `journalMatcher` (the commit
 * pipeline's) then keeps only the files the template can produce. The template is
 * read as that matcher reads it: `./notes/x.md` and `notes/x.md` are one file.
 */
export function journalPathspec(raw: string): string {
  const template = normalisePath(raw);
  const fixed = template.split(PLACEHOLDER)[0] ?? '';
  const folder = fixed.slice(0, fixed.lastIndexOf('/') + 1);
  if (folder !== '') return `:(top,literal)${folder}`;
  const glob = template
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? '*' : part.replace(/[*?[\]\\]/g, '\\$&')))
    .join('');
  return `:(top,glob)${glob}`;
}

/** The `--format` that opens each commit of a journal diff. */
export const JOURNAL_FORMAT = `${RECORD_MARK}%H`;
/** Diff options that make the headers `parseJournalDiff` reads predictable whatever the user's config. */
export const JOURNAL_DIFF_OPTIONS = ['-p', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--no-renames'];

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * Follows the lines of a `git log -p --unified=0` patch, one at a time, and keeps
 * the lines added to journal files. Hunk line counts are followed exactly, so an
 * added line that itself starts with `+++ `, `@@` or the record mark is never
 * mistaken for a header.
 */
export class JournalLines {
  private keep = false;
  private minus = 0;
  private plus = 0;
  private added: string[] = [];

  constructor(private readonly isJournal: (path: string) => boolean = () => true) {}

  /** Whether the next line belongs to a hunk, and so cannot start a new record. */
  get inHunk(): boolean {
    return this.minus > 0 || this.plus > 0;
  }

  /** Reads one patch line (without its newline). */
  line(line: string): void {
    if (this.minus > 0 || this.plus > 0) {
      if (line.startsWith('-')) this.minus--;
      else if (line.startsWith('+')) {
        this.plus--;
        if (this.keep) this.added.push(line.slice(1));
      }
      // `\ No newline at end of file` belongs to the hunk without counting.
      return;
    }
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      this.keep = path.startsWith('b/') && this.isJournal(path.slice(2));
      return;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      this.minus = hunk[1] === undefined ? 1 : Number(hunk[1]);
      this.plus = hunk[2] === undefined ? 1 : Number(hunk[2]);
    }
  }

  /** The entries in the lines added since the last call; starts the next commit afresh. */
  take(): JournalEntry[] {
    const text = this.added;
    this.added = [];
    this.keep = false;
    this.minus = 0;
    this.plus = 0;
    return text.length === 0 ? [] : parseEntries(text.join('\n'));
  }
}

/**
 * Reads `git log <JOURNAL_DIFF_OPTIONS> --format=<JOURNAL_FORMAT> -- <journal pathspec>`
 * while it arrives, chunk by chunk: the lines each commit added to journal files,
 * parsed into entries by commit.
 */
export class JournalDiffStream {
  private buffer = '';
  private hash: string | undefined;
  private readonly reader: JournalLines;
  private readonly entries = new Map<string, JournalEntry[]>();

  constructor(isJournal?: (path: string) => boolean) {
    this.reader = new JournalLines(isJournal);
  }

  /** Feeds the next piece of git's output. */
  push(text: string): void {
    this.buffer = this.buffer === '' ? text : this.buffer + text;
    this.drain(false);
  }

  /** Ends the output: the entries of every commit that added some, by full hash. */
  end(): JournalByCommit {
    this.drain(true);
    this.flush();
    return this.entries;
  }

  private flush(): void {
    const parsed = this.reader.take();
    if (this.hash === undefined || parsed.length === 0) return;
    this.entries.set(this.hash, parsed);
  }

  private drain(final: boolean): void {
    const buf = this.buffer;
    let pos = 0;
    while (pos < buf.length) {
      const newline = buf.indexOf('\n', pos);
      if (newline < 0 && !final) break;
      const end = newline < 0 ? buf.length : newline;
      const line = buf.slice(pos, end);
      if (!this.reader.inHunk && line.startsWith(RECORD_MARK)) {
        this.flush();
        this.hash = line.slice(1).trim();
      } else this.reader.line(line);
      pos = end + 1;
    }
    this.buffer = pos >= buf.length ? '' : buf.slice(pos);
  }
}

/** Parses a whole journal diff at once; see `JournalDiffStream`. */
export function parseJournalDiff(output: string, isJournal?: (path: string) => boolean): JournalByCommit {
  const stream = new JournalDiffStream(isJournal);
  stream.push(output);
  return stream.end();
}
