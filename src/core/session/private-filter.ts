import { analyze } from './parse.js';

export { PRIVATE_FILTER } from '../clone/config.js';

/** Private bodies kept on this machine, by region: `section:<heading>#<n>` or `marker#<n>`. */
export type PrivateStore = Record<string, string>;

interface Region {
  key: string;
  /** The body: what is kept out of a commit; the heading or the markers stay. */
  start: number;
  end: number;
}

const OPEN = /<!--\s*private\s*-->/i;
const CLOSE = /<!--\s*\/\s*private\s*-->/i;

/** The private regions of `source`, outermost only, in file order. */
function regions(source: string): Region[] {
  const a = analyze(source);
  const found: Region[] = [];
  const seen = new Map<string, number>();
  const keyed = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  };
  for (const s of a.doc.sections) {
    if (s.kind !== 'private') continue;
    // The body starts on the line after the heading (or its setext underline).
    const nl = source.indexOf('\n', s.bodyStart);
    const start = nl === -1 || nl >= s.end ? s.end : nl + 1;
    found.push({ key: `section:${s.heading.trim().toLowerCase()}`, start, end: s.end });
  }
  for (const [from, to] of a.privates) {
    const open = OPEN.exec(source.slice(from));
    const start = from + (open ? open.index + open[0].length : 0);
    const end = Number.isFinite(to) ? closeStart(source, start, to) : source.length;
    found.push({ key: 'marker', start, end });
  }
  found.sort((x, y) => x.start - y.start || y.end - x.end);
  const outer: Region[] = [];
  for (const r of found) {
    const last = outer[outer.length - 1];
    if (last && r.start < last.end) continue;
    outer.push(r);
  }
  // Keys count only outermost regions: one nested in a private section is part of its body.
  return outer.map((r) => ({ ...r, key: keyed(r.key) }));
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
 * by region, for {@link smudgePrivate} to put back. Removing a body can never make
 * another private text public: the result is checked and cleaned again until no
 * region holds anything.
 */
export function cleanPrivate(source: string): { text: string; bodies: PrivateStore } {
  const bodies: PrivateStore = {};
  let text = source;
  for (let pass = 0; pass < 8; pass++) {
    const found = regions(text).filter((r) => r.end > r.start);
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
  for (const r of regions(text)) bodies[r.key] ??= '';
  return { text, bodies };
}

/**
 * The session file as checked out: each empty private region of `text` (as
 * {@link cleanPrivate} left it) gets its body back from `store`. A region that holds
 * text (a commit made before the filter) is left as it is.
 */
export function smudgePrivate(text: string, store: PrivateStore): string {
  let out = text;
  for (const r of regions(text).reverse()) {
    const body = store[r.key];
    if (r.end === r.start && body) out = out.slice(0, r.start) + body + out.slice(r.end);
  }
  return out;
}

/** Whether any private region of `source` holds text (what a commit must never carry). */
export function hasPrivateText(source: string): boolean {
  return regions(source).some((r) => source.slice(r.start, r.end).trim() !== '');
}

