import type { SessionDoc } from '../session/types.js';

/** The two kinds of entries a hand-typed bullet may add without the parser. */
export type AnchorKind = 'decisions' | 'deadEnds';

/**
 * A line after which a plain bullet is known to become the next entry: a top-level,
 * one-line list item at column 0 whose content is a paragraph, in a public Decisions
 * or Dead Ends section. `index` is its place in the summary's list of that kind.
 */
export interface BulletAnchor {
  /** 0-based line number in the session file's text. */
  line: number;
  kind: AnchorKind;
  index: number;
}

// `- ` then (after an optional task box) a character that can only open a paragraph:
// anything that could open a heading, fence, quote, HTML block, nested list or rule is out.
const ANCHOR_LINE = /^[-*+] (?:\[[ xX]\] )?(?![0-9]+[.)](?:[ \t]|$))(?:[\p{L}\p{N}"'(]|\*\*[^*\s]|`[^`]|_[^_\s])/u;

/**
 * The anchors of a parsed session file. Empty where the parser read a second, public
 * text (private markers): its offsets are not the file's.
 */
export function bulletAnchors(doc: SessionDoc): BulletAnchor[] {
  const src = doc.source;
  if (/<!--\s*private/i.test(src)) return [];
  const anchors: BulletAnchor[] = [];
  for (const kind of ['decisions', 'deadEnds'] as const) {
    let index = 0;
    for (const section of doc.sections) {
      if (section.kind !== kind || section.private) continue;
      for (const item of section.items) {
        if (item.private) continue;
        const lineStart = src.lastIndexOf('\n', item.start - 1) + 1;
        const lineEnd = src.indexOf('\n', item.start);
        const line = src.slice(lineStart, lineEnd === -1 ? src.length : lineEnd).replace(/\r$/, '');
        const oneLine = item.start === lineStart && (lineEnd === -1 || item.end <= lineEnd);
        if (oneLine && ANCHOR_LINE.test(line)) {
          anchors.push({ line: countLines(src, lineStart), kind, index });
        }
        index++;
      }
    }
  }
  return anchors.sort((a, b) => a.line - b.line);
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
