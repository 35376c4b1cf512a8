import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';
import { planJournalWrite } from '../core/journal/tail.js';

/** How much of a journal's end is read: a few entries, whatever the file's size. */
export const TAIL_BYTES = 16 * 1024;

/**
 * Writes one entry at the end of a journal file, reading only its last few KB:
 * journals grow for years and every commit writes one. With `replaceLastCommit`
 * (an amend), the last commit entry in that tail is replaced instead of duplicated.
 * `render` receives the file's line ending and the previous entry's time.
 * Returns the previous entry's time when the tail shows it.
 */
export function writeJournalEntry(
  path: string,
  render: (eol: string, previousTime: string | undefined) => string,
  replaceLastCommit: boolean,
  display = path,
): void {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'a+');
  } catch (error) {
    throw new GitSessionError(ExitCode.WriteFailed, `could not be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: display,
      fix: 'Make the journal folder writable, or set journal.enabled = false in .gitsession.',
      cause: error,
    });
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const bytes = Buffer.alloc(size - start);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    // Start at a line boundary so no UTF-8 character is cut and offsets stay exact.
    const from = start === 0 ? 0 : bytes.indexOf(0x0a) + 1;
    const tailStart = start + (from > 0 || start === 0 ? from : bytes.length);
    const text = bytes.subarray(tailStart - start, got).toString('utf8');
    const plan = planJournalWrite(text, render, replaceLastCommit);
    const keepBytes = tailStart + Buffer.byteLength(text.slice(0, plan.keep), 'utf8');
    if (keepBytes < size) ftruncateSync(fd, keepBytes);
    // O_APPEND: every write lands at the (new) end.
    const data = Buffer.from(plan.append, 'utf8');
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
  } catch (error) {
    if (error instanceof GitSessionError) throw error;
    throw new GitSessionError(ExitCode.WriteFailed, `could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: display,
      fix: 'Check the journal file (permissions, disk space), or set journal.enabled = false in .gitsession.',
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
}
