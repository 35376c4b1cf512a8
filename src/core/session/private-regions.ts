import { classifyHeading } from './headings.js';
import { oneLine } from './mdast-text.js';

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
 * checked and cleaned again until no region holds anything.
 */
export function cleanWith(source: string, find: FindRegions): { text: string; bodies: PrivateStore } {
  const bodies: PrivateStore = {};
  let text = source;
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
  }
  for (const r of find(text)) bodies[r.key] ??= '';
  return { text, bodies };
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

// As plain-items.ts reads lines: an ATX heading at the margin whose text holds no
// inline markup (its plain text is the text itself), and the lines that could hide a
// heading or make one that lines alone cannot see.
const HEADING = /^(#{1,6})[ \t]+([^\\`*_[\]<>&|~#\p{Cc}]*[^\s\\`*_[\]<>&|~#\p{Cc}])[ \t]*$/u;
const BLANK = /^[ \t]*$/;
const COMMENT_LINE = /^<!--.*-->[ \t]*$/;
const FENCE = /^\s*(?:`{3}|~{3})/;
const INDENTED_MARKUP = /^\s*</;
const INDENTED_HEADING = /^\s+#/;
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
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
 * plain-items.ts; a property test holds this reader to the parser's regions.
 */
export function plainPrivateRegions(text: string): PrivateRegion[] | undefined {
  if (UNFIT.test(text)) return undefined;
  const headings: { depth: number; private: string | undefined; lineStart: number; lineEnd: number }[] = [];
  let blankBefore = true;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const start = at;
    at = nl === -1 ? text.length : nl + 1;
    const blank = BLANK.test(line);
    const wasBlank = blankBefore;
    blankBefore = blank;
    if (blank) continue;
    if (line.startsWith('#')) {
      const heading = HEADING.exec(line);
      if (!heading) return undefined;
      const kind = classifyHeading(heading[2]!);
      headings.push({ depth: heading[1]!.length, private: kind === 'private' ? oneLine(heading[2]!) : undefined, lineStart: start, lineEnd });
      continue;
    }
    if (FENCE.test(line) || INDENTED_HEADING.test(line)) return undefined;
    if (INDENTED_MARKUP.test(line) && !COMMENT_LINE.test(line)) return undefined;
    if (!wasBlank && UNDERLINE.test(line)) return undefined;
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
