import { ENTRY_HEADING, type JournalEntry } from './entry.js';

/** Where one entry sits in a piece of journal text. */
export interface EntrySpan {
  /** Index of the heading's first character. */
  start: number;
  /** Index just past the entry (the next heading, or the end of the text). */
  end: number;
  time: string;
  kind: JournalEntry['kind'];
}

/**
 * The entries whose headings are in `text`, usually the last few KB of a journal file:
 * enough to find the previous entry's time or the entry an amended commit added,
 * without reading the whole file.
 */
export function entrySpans(text: string): EntrySpan[] {
  const spans: EntrySpan[] = [];
  const re = /^### .*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const h = ENTRY_HEADING.exec(m[0]);
    if (!h) continue;
    const last = spans[spans.length - 1];
    if (last) last.end = m.index;
    spans.push({ start: m.index, end: text.length, time: h[1]!, kind: h[2] as JournalEntry['kind'] });
  }
  return spans;
}

/** The line ending a journal uses (CRLF only if its text already does). */
export function journalEol(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** What to put before a new entry so it starts a paragraph of its own after `text`. */
export function separatorBefore(text: string, eol: string): string {
  if (text === '' || text.endsWith(eol + eol)) return '';
  return text.endsWith(eol) ? eol : eol + eol;
}

/**
 * A journal's text (or an entry that will close it) ending with its last line and one
 * newline (see renderEntry), whatever it ended with before.
 */
export function ended(text: string, eol: string): string {
  return text.replace(/(?:\r?\n)+$/, '') + eol;
}

/**
 * What to put between a new entry (which ends with its last line) and the entries that
 * follow it when it replaces one in the middle: the blank line that parted the
 * replaced entry from the next, unless that text already starts with one.
 */
function separatorAfter(rest: string, eol: string): string {
  return rest === '' || rest.startsWith('\n') || rest.startsWith('\r\n') ? '' : eol;
}

/** The plan for writing one entry into a journal whose tail is `text`. */
export interface JournalWrite {
  /** Characters of `text` to keep; everything after them is replaced by `append`. */
  keep: number;
  append: string;
  /** Time of the entry before the new one, when the tail shows it. */
  previousTime: string | undefined;
  /** Where the new entry sits in `append` (characters): a later retry replaces exactly it. */
  entryStart: number;
  entryLength: number;
}

/**
 * Which entries a write replaces: the commit entries a predicate picks (an amend, see
 * amendReplaces), or a span of `text` (a retried commit).
 */
export type JournalReplace = { kind: 'entries'; replaces: (entry: string) => boolean } | { kind: 'span'; start: number; end: number };

/**
 * Plans adding `rendered` after `text`. With a span, exactly that entry (the one a
 * failed commit left staged) is replaced; with `entries`, the new entry takes the
 * place of the first commit entry picked and the others picked are taken out. Entries
 * in between and after are kept, in their order. Nothing picked: the entry is appended.
 * `rendered` receives the text of what it replaces.
 */
export function planJournalWrite(
  text: string,
  rendered: (eol: string, previousTime: string | undefined, replacing?: string) => string,
  replace: JournalReplace | undefined,
): JournalWrite {
  const eol = journalEol(text);
  const spans = entrySpans(text);
  let targets: { start: number; end: number }[] = [];
  if (replace?.kind === 'entries') {
    targets = spans.filter((s) => s.kind === 'commit' && replace.replaces(text.slice(s.start, s.end)));
  } else if (replace?.kind === 'span') {
    targets = [{ start: replace.start, end: replace.end }];
  }
  const first = targets[0];
  if (first) {
    const previousTime = spans.filter((s) => s.start < first.start).pop()?.time;
    const entry = rendered(eol, previousTime, targets.map((t) => text.slice(t.start, t.end)).join(''));
    let rest = '';
    targets.forEach((t, i) => (rest += text.slice(t.end, targets[i + 1]?.start ?? text.length)));
    // The last entry replaced closed the file: what is kept between the replaced ones now
    // does, with one newline (it kept the blank line that parted it from the next).
    if (rest !== '' && targets[targets.length - 1]!.end === text.length) rest = ended(rest, eol);
    return { keep: first.start, append: entry + separatorAfter(rest, eol) + rest, previousTime, entryStart: 0, entryLength: entry.length };
  }
  const previousTime = spans[spans.length - 1]?.time;
  const separator = separatorBefore(text, eol);
  const entry = rendered(eol, previousTime);
  return { keep: text.length, append: separator + entry, previousTime, entryStart: separator.length, entryLength: entry.length };
}

/**
 * `text` without the commit entries `picks` picks: an amend that moved its commit into
 * another week's file takes the entries it replaces out of the file they were in. A
 * file left without them ends with one newline, as entries are written; one left
 * with nothing but white space is empty.
 */
export function withoutEntries(text: string, picks: (entry: string) => boolean): string {
  const spans = entrySpans(text).filter((s) => s.kind === 'commit' && picks(text.slice(s.start, s.end)));
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start);
    at = s.end;
  }
  out += text.slice(at);
  if (out.trim() === '') return '';
  return at === text.length ? ended(out, journalEol(text)) : out;
}
