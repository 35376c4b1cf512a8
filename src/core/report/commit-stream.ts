import type { JournalEntry } from '../journal/entry.js';
import { JournalLines } from './journal-diff.js';
import { parseHeader, RECORD_MARK, type TrailerKeys } from './log-format.js';
import type { CommitRecord } from './types.js';

/** Receives each commit as soon as it is complete, with the journal entries it added. */
export type CommitSink = (commit: CommitRecord, journal: JournalEntry[]) => void;

/**
 * Parses `git log -z --format=<commitFormat> -p <JOURNAL_DIFF_OPTIONS> --full-history
 * --sparse -- <journal pathspec>` while it arrives, chunk by chunk: one git walk
 * yields every commit with its trailers and the journal lines it added.
 *
 * Each commit is its header, ended by NUL, then (only when it changed a journal
 * file) a newline and its patch; the next header follows the patch directly. A
 * header never holds a newline, and inside a hunk the record mark is content.
 * Without the patch options (`git log -z --format=<commitFormat>`) the output is
 * headers alone, and each commit's journal is empty.
 */
export class CommitStream {
  private buffer = '';
  private current: CommitRecord | undefined;
  private readonly journal: JournalLines;

  constructor(
    private readonly keys: TrailerKeys,
    private readonly sink: CommitSink,
    isJournal?: (path: string) => boolean,
  ) {
    this.journal = new JournalLines(isJournal);
  }

  /** Feeds the next piece of git's output. */
  push(text: string): void {
    this.buffer = this.buffer === '' ? text : this.buffer + text;
    this.drain(false);
  }

  /** Ends the output: hands over the last commit. */
  end(): void {
    this.drain(true);
    this.flush();
  }

  private flush(): void {
    if (this.current) this.sink(this.current, this.journal.take());
    this.current = undefined;
  }

  private drain(final: boolean): void {
    const buf = this.buffer;
    let pos = 0;
    while (pos < buf.length) {
      if (buf.startsWith(RECORD_MARK, pos) && !this.journal.inHunk) {
        const nul = buf.indexOf('\0', pos);
        if (nul < 0 && !final) break;
        const end = nul < 0 ? buf.length : nul;
        this.flush();
        this.current = parseHeader(buf.slice(pos, end), this.keys);
        pos = end + 1;
        continue;
      }
      const newline = buf.indexOf('\n', pos);
      if (newline < 0 && !final) break;
      const end = newline < 0 ? buf.length : newline;
      // Lines before the first header (none in practice) carry no commit to attach to.
      if (this.current) this.journal.line(buf.slice(pos, end));
      pos = end + 1;
    }
    this.buffer = pos >= buf.length ? '' : buf.slice(pos);
  }
}

/** Parses a whole output at once; see `CommitStream`. */
export function parseCommitStream(output: string, keys: TrailerKeys, isJournal?: (path: string) => boolean) {
  const commits: { commit: CommitRecord; journal: JournalEntry[] }[] = [];
  const stream = new CommitStream(keys, (commit, journal) => commits.push({ commit, journal }), isJournal);
  stream.push(output);
  stream.end();
  return commits;
}
