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

/** Which entry a write replaces: the last commit entry (an amend), or a span of `text` (a retried commit). */
export type JournalReplace = { kind: 'last-commit' } | { kind: 'span'; start: number; end: number };

/**
 * Plans adding `rendered` after `text`. With `replace` = last-commit, the last commit
 * entry in the tail (the one an amended commit added) is replaced in place instead;
 * with a span, exactly that entry (the one a failed commit left staged) is. Entries
 * after the replaced one are kept after the new one.
 */
export function planJournalWrite(
  text: string,
  rendered: (eol: string, previousTime: string | undefined, replacing?: string) => string,
  replace: boolean | JournalReplace | undefined,
): JournalWrite {
  const eol = journalEol(text);
  const spans = entrySpans(text);
  const how: JournalReplace | undefined = replace === true ? { kind: 'last-commit' } : replace || undefined;
  let target: { start: number; end: number; before: EntrySpan | undefined } | undefined;
  if (how?.kind === 'last-commit') {
    let i = spans.length - 1;
    while (i >= 0 && spans[i]!.kind !== 'commit') i--;
    const old = spans[i];
    if (old) target = { start: old.start, end: old.end, before: spans[i - 1] };
  } else if (how?.kind === 'span') {
    target = { start: how.start, end: how.end, before: spans.filter((s) => s.start < how.start).pop() };
  }
  if (target) {
    const previousTime = target.before?.time;
    const entry = rendered(eol, previousTime, text.slice(target.start, target.end));
    return { keep: target.start, append: entry + text.slice(target.end), previousTime, entryStart: 0, entryLength: entry.length };
  }
  const previousTime = spans[spans.length - 1]?.time;
  const separator = separatorBefore(text, eol);
  const entry = rendered(eol, previousTime);
  return { keep: text.length, append: separator + entry, previousTime, entryStart: separator.length, entryLength: entry.length };
}
