import { parseEntries, type JournalEntry } from '../journal/entry.js';
import { RECORD_MARK } from './log-format.js';
import type { JournalByCommit } from './types.js';

const PLACEHOLDER = /(\{year\}|\{week\})/;

/**
 * A pathspec for the folder holding the journal files, from the repository root
 * whatever the working directory. A literal folder prefix lets git prune trees
 * (a glob pathspec made the walk twice as slow); `journalFileMatcher` then keeps
 * only the files the template can produce.
 */
export function journalPathspec(template: string): string {
  const fixed = template.split(PLACEHOLDER)[0] ?? '';
  const folder = fixed.slice(0, fixed.lastIndexOf('/') + 1);
  if (folder !== '') return `:(top,literal)${folder}`;
  const glob = template
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? '*' : part.replace(/[*?[\]\\]/g, '\\$&')))
    .join('');
  return `:(top,glob)${glob}`;
}

/** Whether a repository path is a journal file of the template: `{year}` four digits, `{week}` two. */
export function journalFileMatcher(template: string): (path: string) => boolean {
  const source = template
    .split(PLACEHOLDER)
    .map((part) => (part === '{year}' ? '\\d{4}' : part === '{week}' ? '\\d{2}' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`);
  return (path) => re.test(path);
}

/** The `--format` that opens each commit of a journal diff. */
export const JOURNAL_FORMAT = `${RECORD_MARK}%H`;
/** Diff options that make the headers `parseJournalDiff` reads predictable whatever the user's config. */
export const JOURNAL_DIFF_OPTIONS = ['-p', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--no-renames'];

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * Reads `git log <JOURNAL_DIFF_OPTIONS> --format=<JOURNAL_FORMAT> -- <journal pathspec>`:
 * the lines each commit added to journal files, parsed into entries. Hunk line
 * counts are followed exactly, so an added line that itself starts with `+++ ` or
 * `@@` is never mistaken for a header.
 */
export function parseJournalDiff(output: string, isJournal: (path: string) => boolean = () => true): JournalByCommit {
  const added = new Map<string, string[]>();
  let lines: string[] | undefined;
  let keep = false;
  let minus = 0;
  let plus = 0;
  for (const line of output.split('\n')) {
    if (minus > 0 || plus > 0) {
      if (line.startsWith('-')) minus--;
      else if (line.startsWith('+')) {
        plus--;
        if (keep) lines?.push(line.slice(1));
      }
      // `\ No newline at end of file` belongs to the hunk without counting.
      continue;
    }
    if (line.startsWith(RECORD_MARK)) {
      lines = [];
      added.set(line.slice(1).trim(), lines);
      continue;
    }
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      keep = path.startsWith('b/') && isJournal(path.slice(2));
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      minus = hunk[1] === undefined ? 1 : Number(hunk[1]);
      plus = hunk[2] === undefined ? 1 : Number(hunk[2]);
    }
  }
  const entries = new Map<string, JournalEntry[]>();
  for (const [hash, text] of added) {
    const parsed = parseEntries(text.join('\n'));
    if (parsed.length > 0) entries.set(hash, parsed);
  }
  return entries;
}
