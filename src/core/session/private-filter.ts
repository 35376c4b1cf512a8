import { analyze } from './parse.js';
import { cleanWith, outermost, smudgeWith, type PrivateRegion, type PrivateStore } from './private-regions.js';

export { PRIVATE_FILTER } from '../clone/config.js';

export type { PrivateStore } from './private-regions.js';

const OPEN = /<!--\s*private\s*-->/i;
const CLOSE = /<!--\s*\/\s*private\s*-->/i;
const LINE_END = /\r\n?|\n/g;

/** The private regions of `source`, outermost only, in file order, as the parser reads them. */
export function privateRegions(source: string): PrivateRegion[] {
  // The regions depend on the layout alone: front matter git checks out must never stop the filter.
  // A lone \r ends a line for markdown as \n does; read as \n (one character for one, so
  // every offset holds), a file that ends its lines so is cut where its sections are.
  const a = analyze(source.replace(/\r(?!\n)/g, '\n'), undefined, true);
  const found: { base: string; start: number; end: number }[] = [];
  for (const s of a.doc.sections) {
    if (s.kind !== 'private') continue;
    // The body starts on the line after the heading (or its setext underline), whichever
    // line ending the file uses.
    LINE_END.lastIndex = s.bodyStart;
    const nl = LINE_END.exec(source);
    const start = !nl || nl.index >= s.end ? s.end : nl.index + nl[0].length;
    found.push({ base: `section:${s.heading.trim().toLowerCase()}`, start, end: s.end });
  }
  for (const [from, to] of a.privates) {
    const open = OPEN.exec(source.slice(from));
    const start = from + (open ? open.index + open[0].length : 0);
    const end = Number.isFinite(to) ? closeStart(source, start, to) : source.length;
    found.push({ base: 'marker', start, end });
  }
  return outermost(found);
}

/** Where the closing marker of a region ending at `to` begins. */
function closeStart(source: string, from: number, to: number): number {
  const text = source.slice(from, to);
  let at = -1;
  for (let m = CLOSE.exec(text), base = 0; m; base += m.index + m[0].length, m = CLOSE.exec(text.slice(base))) at = base + m.index;
  return at === -1 ? to : from + at;
}

/**
 * What git stores of a session file: every private region's body (a `## Private`
 * section's text under its heading, the text between `<!-- private -->` and
 * `<!-- /private -->`) removed, headings and markers kept; and the bodies removed,
 * by region, for {@link smudgePrivate} to put back (see cleanWith).
 */
export function cleanPrivate(source: string): ReturnType<typeof cleanWith> {
  return cleanWith(source, privateRegions);
}

/** The session file as checked out: each empty private region gets its body back from `store` (see smudgeWith). */
export function smudgePrivate(text: string, store: PrivateStore): string {
  return smudgeWith(text, store, privateRegions);
}

/**
 * Whether any private region of `source` holds text (what a commit must never carry):
 * comments and blank lines are not text, so the template's own note under its Private
 * heading is none.
 */
export function hasPrivateText(source: string): boolean {
  return privateRegions(source).some((r) => source.slice(r.start, r.end).replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '');
}

