import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';
import { planJournalWrite, type JournalReplace } from '../core/journal/tail.js';
import { writeFileAtomic } from './fs.js';

/** How much of a journal's end is read: a few entries, whatever the file's size. */
export const TAIL_BYTES = 16 * 1024;

/**
 * Where an entry was written: byte offset and length in the file, and its text (a few
 * hundred bytes, compared as is: cheaper than loading a hash function on every commit).
 */
export interface WrittenEntry {
  offset: number;
  length: number;
  text: string;
}

/** Where an entry was written, and whether it went at the end of the file (nothing replaced), which is then `end` bytes long. */
export interface JournalWriteResult extends WrittenEntry {
  appended: boolean;
  end: number;
}

/**
 * Writes one entry at the end of a journal file, reading only its last few KB:
 * journals grow for years and every commit writes one. With `picks`, the commit
 * entries in that tail it picks are replaced by this one: an amend's (see
 * amendReplaces), or a redone commit's earlier attempts.
 * With `replace`, the entry written there earlier is replaced if its bytes are still
 * in place (a commit that failed after pre-commit, retried); of several, the first
 * whose bytes are there. `beforeWrite` is told where the entry goes, and which entry it
 * replaces, before any byte of the file changes. `render` receives the file's line
 * ending and the previous entry's time. Returns where the entry went.
 */
export function writeJournalEntry(
  path: string,
  render: (eol: string, previousTime: string | undefined, replacing?: string) => string,
  picks: ((entry: string) => boolean) | undefined,
  display = path,
  replace?: WrittenEntry | readonly WrittenEntry[],
  beforeWrite?: (entry: WrittenEntry, replaced: WrittenEntry | undefined) => void,
  root?: string,
): JournalWriteResult {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'a+');
  } catch (error) {
    throw new GitSessionError(ExitCode.WriteFailed, `could not be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: display,
      fix: 'Make the journal file and its folder readable and writable (chmod u+rw), or set journal.enabled = false in .gitsession.',
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
    const tail = bytes.subarray(tailStart - start, got);
    const text = tail.toString('utf8');
    let how: JournalReplace | undefined = picks ? { kind: 'entries', replaces: picks } : undefined;
    let replaced: WrittenEntry | undefined;
    for (const r of picks || !replace ? [] : Array.isArray(replace) ? replace : [replace as WrittenEntry]) {
      if (r.offset < tailStart || r.offset + r.length > start + got) continue;
      const from = r.offset - tailStart;
      const old = tail.subarray(from, from + r.length);
      if (old.toString('utf8') !== r.text) continue;
      const at = tail.subarray(0, from).toString('utf8').length;
      how = { kind: 'span', start: at, end: at + old.toString('utf8').length };
      replaced = r;
      break;
    }
    const plan = planJournalWrite(text, render, how);
    const keepBytes = tailStart + Buffer.byteLength(text.slice(0, plan.keep), 'utf8');
    const data = Buffer.from(plan.append, 'utf8');
    const entryOffset = keepBytes + Buffer.byteLength(plan.append.slice(0, plan.entryStart), 'utf8');
    const entry = Buffer.from(plan.append.slice(plan.entryStart, plan.entryStart + plan.entryLength), 'utf8');
    const written = { offset: entryOffset, length: entry.length, text: entry.toString('utf8') };
    // Told before the bytes land: a kill between the two leaves a record whose bytes are
    // not there (the retry finds the entry this one replaces, or appends afresh), never
    // bytes without a record (a duplicate).
    beforeWrite?.(written, replaced);
    if (keepBytes < size) {
      // Replacing an entry (an amend, a retry): never truncate in place, where a failure
      // would lose the old entry too. The file is written anew beside it and renamed.
      const head = Buffer.alloc(keepBytes);
      let read = 0;
      while (read < keepBytes) {
        const n = readSync(fd, head, read, keepBytes - read, read);
        if (n === 0) break;
        read += n;
      }
      writeFileAtomic(path, Buffer.concat([head.subarray(0, read), data]), root);
    } else {
      // O_APPEND: every write lands at the end. A failure (a full disk) takes back
      // whatever part landed, so the file stays byte for byte as it was.
      let off = 0;
      try {
        while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      } catch (error) {
        try {
          ftruncateSync(fd, size);
        } catch {
          // The write error below still names the file.
        }
        throw error;
      }
    }
    return { ...written, appended: keepBytes === size && replaced === undefined, end: keepBytes + data.length };
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
