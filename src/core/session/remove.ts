import { analyze, lineStart } from './parse.js';
import type { SectionKind, SessionItem } from './types.js';
import { unescapeMarkdown } from './unescape.js';

const MARKER = /\s*\(supersedes:\s*.+\)\s*$/i;

function same(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The public entry of a section kind whose `what` is `text` (case and spacing aside), with its own `(supersedes: …)` marker or not. */
export function findEntry(source: string, kind: SectionKind, text: string): SessionItem | undefined {
  const { doc } = analyze(source);
  const wanted = same(text);
  const items = doc.sections.filter((s) => s.kind === kind && !s.private).flatMap((s) => s.items.filter((i) => !i.private));
  return items.find((i) => {
    const what = unescapeMarkdown(i.text);
    return same(what) === wanted || same(what.replace(MARKER, '')) === wanted;
  });
}

/** `text` without a trailing `(supersedes: …)` marker. */
export function withoutSupersedes(text: string): string {
  return text.replace(MARKER, '');
}

/** Removes the whole lines of one entry; every other byte stays. */
export function removeEntry(source: string, item: Pick<SessionItem, 'start' | 'end'>): string {
  const from = lineStart(source, item.start);
  const nl = source.indexOf('\n', Math.max(item.end - 1, item.start));
  const to = nl === -1 ? source.length : nl + 1;
  return source.slice(0, from) + source.slice(to);
}
