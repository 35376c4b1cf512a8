import type { Nodes, Root } from 'mdast';
import type { SpanOf } from './items.js';
import type { SessionDoc } from './types.js';

/** Half-open [start, end) offset ranges. */
export type Range = readonly [number, number];

const OPEN = /<!--\s*private\s*-->/gi;
const CLOSE = /<!--\s*\/\s*private\s*-->/gi;

function htmlSpans(node: Nodes, span: SpanOf, out: { start: number; end: number }[]): void {
  if (node.type === 'html') out.push(span(node));
  if ('children' in node) for (const child of node.children as Nodes[]) htmlSpans(child, span, out);
}

/**
 * Regions between `<!-- private -->` and `<!-- /private -->` (markers included).
 * Only real HTML comments count, never a marker shown inside code. An unclosed
 * marker runs to the end of the file: when in doubt, keep it private.
 */
export function privateRanges(source: string, tree: Root, span: SpanOf): Range[] {
  const markers: { at: number; end: number; open: boolean }[] = [];
  const spans: { start: number; end: number }[] = [];
  htmlSpans(tree, span, spans);
  for (const s of spans) {
    const text = source.slice(s.start, s.end);
    for (const m of text.matchAll(OPEN)) markers.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, open: true });
    for (const m of text.matchAll(CLOSE)) markers.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, open: false });
  }
  markers.sort((a, b) => a.at - b.at);
  const ranges: Range[] = [];
  let openAt: number | null = null;
  for (const m of markers) {
    if (m.open && openAt === null) openAt = m.at;
    else if (!m.open && openAt !== null) {
      ranges.push([openAt, wholeLine(source, openAt, m.end)]);
      openAt = null;
    }
  }
  if (openAt !== null) ranges.push([openAt, Number.POSITIVE_INFINITY]);
  return ranges;
}

// A region whose markers stand on their own lines takes its last line ending with it.
function wholeLine(source: string, start: number, end: number): number {
  const atLineStart = start === 0 || source[start - 1] === '\n';
  if (!atLineStart) return end;
  if (source.startsWith('\r\n', end)) return end + 2;
  return source[end] === '\n' ? end + 1 : end;
}

/** Whether `offset` falls inside one of `ranges`. */
export function within(ranges: readonly Range[], offset: number): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

/** Merges overlapping ranges and removes them from `source`. */
export function cutRanges(source: string, ranges: readonly Range[]): string {
  return maskRanges(source, ranges, []);
}

/** The heading text `maskRanges` leaves in place of a private heading. */
export const MASKED_HEADING = '(private)';

/**
 * Like `cutRanges`, but each heading (from the parse, so never one inside code or a
 * comment) that starts in a cut range is kept as `<hashes> (private)`, a heading of no
 * family: the text after the range still belongs to a section of its own instead of
 * sliding into the public section above it, and sections nested under it still count.
 */
export function maskRanges(source: string, ranges: readonly Range[], headings: readonly { start: number; depth: number }[]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    out += source.slice(at, Math.max(at, start));
    for (const h of headings) {
      if (h.start >= Math.max(at, start) && h.start < end) out += `\n${'#'.repeat(h.depth)} ${MASKED_HEADING}\n\n`;
    }
    at = end;
  }
  return out + source.slice(at);
}

/** Ranges of the private sections of a parsed document (heading through end). */
export function privateSectionRanges(doc: SessionDoc): Range[] {
  return doc.sections.filter((s) => s.kind === 'private').map((s) => [lineStartOf(doc.source, s.start), s.end] as const);
}

function lineStartOf(source: string, offset: number): number {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && source.charCodeAt(0) === 0xfeff ? 1 : start;
}
