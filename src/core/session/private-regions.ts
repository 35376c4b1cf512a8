import { ExitCode, GitSessionError } from '../../errors.js';
import { classifyHeading } from './headings.js';
import { oneLine } from './mdast-text.js';
import { readPlainLine } from './plain-lines.js';

/** Private bodies kept on this machine, by region: `section:<heading>#<n>` or `marker#<n>`. */
export type PrivateStore = Record<string, string>;

/** A private region of a text: its body (what is kept out of a commit) runs from `start` to `end`. */
export interface PrivateRegion {
  key: string;
  start: number;
  end: number;
}

/** Finds the private regions of a text, outermost only, in file order, keyed. */
export type FindRegions = (source: string) => PrivateRegion[];

/**
 * What git stores of a session file: every private region's body removed, headings
 * and markers kept; and the bodies removed, by region, for {@link smudgeWith} to put
 * back. Removing a body can never make another private text public: the result is
 * checked and cleaned again until no region holds anything. `removed` is every span
 * of `source` taken out, sorted and apart, which numbers the stored lines (see
 * stored-lines.ts).
 */
export function cleanWith(source: string, find: FindRegions): { text: string; bodies: PrivateStore; removed: Span[] } {
  const bodies: PrivateStore = {};
  let text = source;
  let removed: Span[] = [];
  for (let pass = 0; pass < 8; pass++) {
    const found = find(text).filter((r) => r.end > r.start);
    if (found.length === 0) break;
    let out = '';
    let at = 0;
    for (const r of found) {
      out += text.slice(at, r.start);
      if (pass === 0 || !(r.key in bodies)) bodies[r.key] = text.slice(r.start, r.end);
      at = r.end;
    }
    text = out + text.slice(at);
    removed = joinSpans([...removed, ...found.map((r): Span => [inSource(r.start, removed), inSource(r.end - 1, removed) + 1])]);
  }
  for (const r of find(text)) bodies[r.key] ??= '';
  return { text, bodies, removed };
}

/** A span of a text, from its start offset up to (not including) its end offset. */
export type Span = readonly [number, number];

/** Where the character at `offset` of a text with the `removed` spans taken out sits in the text before. */
function inSource(offset: number, removed: readonly Span[]): number {
  let at = offset;
  for (const [start, end] of removed) {
    if (start > at) break;
    at += end - start;
  }
  return at;
}

/** Spans sorted, with those that touch or overlap made one. */
function joinSpans(spans: readonly Span[]): Span[] {
  const out: [number, number][] = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * The session file as checked out: each empty private region of `text` (as
 * {@link cleanWith} left it) gets its body back from `store`. A region that holds
 * text (a commit made before the filter) is left as it is.
 */
export function smudgeWith(text: string, store: PrivateStore, find: FindRegions): string {
  let out = text;
  for (const r of find(text).reverse()) {
    const body = store[r.key];
    if (r.end === r.start && body) out = out.slice(0, r.start) + body + out.slice(r.end);
  }
  return out;
}

// A marker region, a control character or a CR that ends no line, front matter, a BOM.
const UNFIT = /<!--\s*\/?\s*private|[\0-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|^(?:---|\+\+\+|\uFEFF)/i;

/**
 * The private regions of `text` read line by line, without the markdown parser, when
 * lines alone decide them: every heading an ATX heading at the margin with plain text,
 * no fence, no HTML block, no setext underline after text, no private marker. Then a
 * private section's body runs from the line after its heading to the next heading of
 * its level or higher, as the parser reads it. Undefined for anything else, and the
 * caller parses.
 *
 * git runs the private filter on every status, add and commit after the file changed,
 * and loading the parser was most of each run. Why lines suffice is argued in
 * plain-items.ts (the line reading is plain-lines.ts, theirs too); a property test
 * holds this reader to the parser's regions.
 */
export function plainPrivateRegions(text: string): PrivateRegion[] | undefined {
  if (UNFIT.test(text)) return undefined;
  const headings: { depth: number; private: string | undefined; lineStart: number; lineEnd: number }[] = [];
  let blankBefore = true;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const start = at;
    at = nl === -1 ? text.length : nl + 1;
    const read = readPlainLine(text.slice(start, lineEnd).replace(/\r$/, ''), blankBefore);
    if (!read) return undefined;
    blankBefore = read.kind === 'blank';
    if (read.kind !== 'heading') continue;
    const kind = classifyHeading(read.text);
    headings.push({ depth: read.depth, private: kind === 'private' ? oneLine(read.text) : undefined, lineStart: start, lineEnd });
  }
  const found: { base: string; start: number; end: number }[] = [];
  headings.forEach((h, i) => {
    if (h.private === undefined) return;
    const next = headings.slice(i + 1).find((o) => o.depth <= h.depth);
    const end = next ? next.lineStart : text.length;
    const start = h.lineEnd >= text.length || h.lineEnd + 1 >= end ? end : h.lineEnd + 1;
    found.push({ base: `section:${h.private.trim().toLowerCase()}`, start, end });
  });
  return outermost(found);
}

/**
 * {@link plainPrivateRegions}, for a text that must be read line by line: one it
 * declines (what cleaning left of one it read) stops the filter rather than pass
 * private text on, as the parser would be needed, and a filter that fails makes git
 * store nothing.
 */
export function plainRegionsOrFail(text: string): PrivateRegion[] {
  const found = plainPrivateRegions(text);
  if (!found) throw new GitSessionError(ExitCode.Internal, 'could not be read line by line after its private text was taken out.', { fix: 'Add it again; if it recurs, report it.' });
  return found;
}

/**
 * What the private filter makes of `text` when lines alone decide its private regions:
 * the text without their bodies, and the bodies (the text itself, and none, when it has
 * no region). Undefined when the parser would decide them.
 */
export function cleanByLines(text: string): { text: string; bodies: PrivateStore } | undefined {
  const plain = plainPrivateRegions(text);
  if (!plain) return undefined;
  return plain.length === 0 ? { text, bodies: {} } : cleanWith(text, plainRegionsOrFail);
}

/** The outermost of `found` (sorted by start, the longer first), keyed by their count so far. */
export function outermost(found: readonly { base: string; start: number; end: number }[]): PrivateRegion[] {
  const sorted = [...found].sort((x, y) => x.start - y.start || y.end - x.end);
  const outer: { base: string; start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = outer[outer.length - 1];
    if (last && r.start < last.end) continue;
    outer.push(r);
  }
  // Keys count only outermost regions: one nested in a private section is part of its body.
  const seen = new Map<string, number>();
  return outer.map((r) => {
    const n = seen.get(r.base) ?? 0;
    seen.set(r.base, n + 1);
    return { key: `${r.base}#${n}`, start: r.start, end: r.end };
  });
}
