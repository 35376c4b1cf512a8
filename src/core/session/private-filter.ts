import { analyze } from './parse.js';
import { cleanWith, outermost, smudgeWith, type PrivateRegion, type PrivateStore } from './private-regions.js';

export { PRIVATE_FILTER } from '../clone/config.js';

export type { PrivateStore } from './private-regions.js';

const OPEN = /<!--\s*private\s*-->/i;
const CLOSE = /<!--\s*\/\s*private\s*-->/i;

/** The private regions of `source`, outermost only, in file order, as the parser reads them. */
export function privateRegions(source: string): PrivateRegion[] {
  // The regions depend on the layout alone: front matter git checks out must never stop the filter.
  const a = analyze(source, undefined, true);
  const found: { base: string; start: number; end: number }[] = [];
  for (const s of a.doc.sections) {
    if (s.kind !== 'private') continue;
    // The body starts on the line after the heading (or its setext underline).
    const nl = source.indexOf('\n', s.bodyStart);
    const start = nl === -1 || nl >= s.end ? s.end : nl + 1;
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

