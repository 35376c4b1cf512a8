import { conflictMarkers } from '../session/conflict.js';
import { normalizeHeading } from '../session/headings.js';
import { analyze, lineStart } from '../session/parse.js';
import type { SectionKind } from '../session/types.js';

/** The result of merging three versions of a session file. */
export type SessionMerge =
  /** Merged without a conflict; `marked` counts sections where both versions were kept, marked. */
  | { ok: true; text: string; marked: number }
  /** Not mergeable section by section: the caller falls back to a line merge with conflict markers. */
  | { ok: false; reason: string };

/** One entry of a section as lines of the file: a list item with its sub-lines, or a table row. */
interface Item {
  key: string;
  start: number;
  end: number;
}

/** A section's own text, from its heading line to the next section's heading line. */
interface Segment {
  key: string;
  kind: SectionKind;
  text: string;
  /** Where the body starts, after the heading's lines. */
  bodyAt: number;
  items: Item[];
}

interface Cut {
  preamble: string;
  segments: Segment[];
  eol: string;
}

/** Sections whose entries merge one by one: the list sections, and any section made of entries. */
const TEXT_KINDS: ReadonlySet<SectionKind> = new Set(['goal', 'status']);

/** The plain-markdown line put between two versions of a section that both sides changed. */
export const BOTH_KEPT =
  "**Merged: both branches changed this section. Above is this branch's version, below the other branch's: keep what is right and delete the rest, this line included.**";

function nextLine(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl === -1 ? source.length : nl + 1;
}

function norm(text: string): string {
  return text.replace(/\r\n/g, '\n').trimEnd();
}

/** Cuts a session file into the text before the first section and the sections' own texts. */
function cut(source: string): Cut {
  const { doc, layouts } = analyze(source);
  const starts = layouts.map((l) => lineStart(source, l.section.start));
  const seen = new Map<string, number>();
  const segments = layouts.map((layout, i): Segment => {
    const s = layout.section;
    const from = starts[i]!;
    const to = starts[i + 1] ?? source.length;
    const base = s.kind === 'unknown' ? `unknown:${normalizeHeading(s.heading)}` : s.kind;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const items = s.items
      .map((item) => ({ start: lineStart(source, item.start) - from, end: Math.min(nextLine(source, item.end), to) - from }))
      .filter((it) => it.start >= 0 && it.end > it.start)
      .map((it) => ({ ...it, key: norm(source.slice(from + it.start, from + it.end)) }));
    return { key: `${base}#${n}`, kind: s.kind, text: source.slice(from, to), bodyAt: Math.min(nextLine(source, s.bodyStart - 1), to) - from, items };
  });
  return { preamble: source.slice(0, starts[0] ?? source.length), segments, eol: doc.eol };
}

/** The segment's text without its entries: what else a side may have changed in it. */
function skeleton(seg: Segment): string {
  let out = '';
  let at = 0;
  for (const item of seg.items) {
    out += seg.text.slice(at, item.start);
    at = item.end;
  }
  return norm(out + seg.text.slice(at));
}

function withEol(text: string, eol: string): string {
  const lf = text.replace(/\r\n/g, '\n');
  const ended = lf.endsWith('\n') ? lf : lf + '\n';
  return eol === '\n' ? ended : ended.replace(/\n/g, eol);
}

/**
 * Applies to `primary` the entries `other` added and removed relative to `base`:
 * removed ones go, added ones follow primary's last entry, in other's order.
 */
function applyEntries(primary: Segment, base: Segment | undefined, other: Segment, eol: string): string {
  const baseKeys = new Set(base?.items.map((i) => i.key) ?? []);
  const otherKeys = new Set(other.items.map((i) => i.key));
  const primaryKeys = new Set(primary.items.map((i) => i.key));
  const removed = primary.items.filter((i) => baseKeys.has(i.key) && !otherKeys.has(i.key));
  const seen = new Set<string>();
  const added = other.items.filter((i) => !baseKeys.has(i.key) && !primaryKeys.has(i.key) && !seen.has(i.key) && seen.add(i.key));
  const kept = primary.items.filter((i) => !removed.includes(i));
  const text = primary.text;
  let at: number;
  if (kept.length > 0) at = kept[kept.length - 1]!.end;
  else if (removed.length > 0) at = removed[0]!.start;
  else {
    const content = text.trimEnd().length;
    at = Math.max(primary.bodyAt, content === text.length ? text.length : nextLine(text, content));
  }
  const insert = added.map((i) => withEol(other.text.slice(i.start, i.end), eol)).join('');
  const lead = insert !== '' && at === text.length && at > 0 && !text.endsWith('\n') ? eol : '';
  let out = '';
  let pos = 0;
  const cuts = [...removed.map((r) => ({ start: r.start, end: r.end, insert: '' })), { start: at, end: at, insert: lead + insert }].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  for (const c of cuts) {
    out += text.slice(pos, Math.max(pos, c.start)) + c.insert;
    pos = Math.max(pos, c.end);
  }
  return out + text.slice(pos);
}

/**
 * Whether both sides took out the same entry and each put in one the other did not: an
 * entry edited on both branches (or edited on one and superseded on the other). Taken
 * as removals and additions, both new versions would stand side by side, silently
 * contradicting each other; git itself would call it a conflict.
 */
function bothEdited(base: Segment | undefined, ours: Segment, theirs: Segment): boolean {
  if (!base) return false;
  const o = new Set(ours.items.map((i) => i.key));
  const t = new Set(theirs.items.map((i) => i.key));
  const b = new Set(base.items.map((i) => i.key));
  const goneFromBoth = base.items.some((i) => !o.has(i.key) && !t.has(i.key));
  if (!goneFromBoth) return false;
  const ourNew = ours.items.some((i) => !b.has(i.key) && !t.has(i.key));
  const theirNew = theirs.items.some((i) => !b.has(i.key) && !o.has(i.key));
  return ourNew && theirNew;
}

/** Ours' version, then the marker line, then theirs' body: both kept, in plain markdown. */
function keepBoth(ours: string, theirsBody: string, eol: string): string {
  const core = ours.trimEnd();
  const tail = ours.slice(core.length);
  const body = theirsBody.trim().replace(/\r\n/g, '\n').split('\n').join(eol);
  return core + eol + eol + BOTH_KEPT + eol + eol + body + (tail.includes('\n') ? tail : eol);
}

interface Merged {
  text: string;
  marked: boolean;
}

function mergeSegment(base: Segment | undefined, ours: Segment, theirs: Segment, eol: string): Merged {
  const b = base?.text;
  if (theirs.text === b || theirs.text === ours.text) return { text: ours.text, marked: false };
  if (ours.text === b) return { text: theirs.text, marked: false };
  const theirsBody = theirs.text.slice(theirs.bodyAt);
  // Already merged once (a retried merge, a rebase replaying it): both versions are there.
  if (keptBoth(ours.text, theirsBody)) return { text: ours.text, marked: false };
  const entries = !TEXT_KINDS.has(ours.kind) && (ours.items.length > 0 || theirs.items.length > 0 || (base?.items.length ?? 0) > 0);
  if (entries && !bothEdited(base, ours, theirs)) {
    const sb = base ? skeleton(base) : undefined;
    const so = skeleton(ours);
    const st = skeleton(theirs);
    if (st === sb || st === so) return { text: applyEntries(ours, base, theirs, eol), marked: false };
    if (so === sb) return { text: applyEntries(theirs, base, ours, eol), marked: false };
  }
  return { text: keepBoth(ours.text, theirsBody, eol), marked: true };
}

/** Whether `ours` already holds `theirsBody` below the both-kept line. */
function keptBoth(ours: string, theirsBody: string): boolean {
  const at = ours.lastIndexOf(BOTH_KEPT);
  return at !== -1 && norm(ours.slice(at + BOTH_KEPT.length)).trim() === norm(theirsBody).trim();
}

/** Ends a part that another follows with a blank line, so that the next heading starts clean. */
function gap(text: string, eol: string): string {
  if (text === '' || text.endsWith(eol + eol) || text.endsWith('\n\n')) return text;
  return text.endsWith('\n') ? text + eol : text + eol + eol;
}

/**
 * Merges three versions of a session file section by section, splicing into ours so
 * that every byte no side changed stays as it was. Entry sections (decisions, dead
 * ends, key files, gotchas, next steps, any list): ours' entries, minus those theirs
 * removed, plus those theirs added (after ours', in theirs' order); an entry both
 * added is kept once. Status, goal and any other text: the side that changed it; when
 * both changed it differently, both versions, marked in plain markdown. A file with
 * conflict markers, or one the parser refuses, is not merged here.
 */
export function mergeSession(base: string, ours: string, theirs: string): SessionMerge {
  for (const [name, text] of [
    ['base', base],
    ['ours', ours],
    ['theirs', theirs],
  ] as const) {
    if (conflictMarkers(text).length > 0) return { ok: false, reason: `the ${name} version already holds conflict markers` };
  }
  if (ours === theirs || theirs === base) return { ok: true, text: ours, marked: 0 };
  if (ours === base) return { ok: true, text: theirs, marked: 0 };
  let cb: Cut, co: Cut, ct: Cut;
  try {
    [cb, co, ct] = [cut(base), cut(ours), cut(theirs)];
  } catch (error) {
    return { ok: false, reason: `a version could not be parsed: ${(error as Error).message}` };
  }
  const eol = co.eol;
  const inBase = new Map(cb.segments.map((s) => [s.key, s]));
  const inTheirs = new Map(ct.segments.map((s) => [s.key, s]));
  const inOurs = new Set(co.segments.map((s) => s.key));
  let marked = 0;

  // `moved`: not where it was in ours (added from theirs); `last`: ours' last section.
  const out: { key: string; text: string; moved: boolean; last?: boolean }[] = [];
  for (const seg of co.segments) {
    const t = inTheirs.get(seg.key);
    const b = inBase.get(seg.key);
    if (!t) {
      // Theirs deleted a section: it goes only if ours left it as it was.
      if (b && b.text === seg.text) continue;
      out.push({ key: seg.key, text: seg.text, moved: false });
      continue;
    }
    const m = mergeSegment(b, seg, t, eol);
    if (m.marked) marked++;
    out.push({ key: seg.key, text: m.text, moved: false });
  }
  if (out.length > 0 && out[out.length - 1]!.key === co.segments[co.segments.length - 1]?.key) out[out.length - 1]!.last = true;
  // Sections only theirs has: added there (or changed after ours deleted them): after the
  // section that precedes them in theirs.
  let previous: string | undefined;
  for (const seg of ct.segments) {
    if (!inOurs.has(seg.key)) {
      const b = inBase.get(seg.key);
      if (!(b && b.text === seg.text)) {
        const after = previous === undefined ? -1 : out.findIndex((o) => o.key === previous);
        out.splice(after + 1, 0, { key: seg.key, text: withEol(seg.text, eol), moved: true });
      } else continue;
    }
    previous = seg.key;
  }

  let preamble = co.preamble;
  if (ct.preamble !== cb.preamble && ct.preamble !== co.preamble) {
    if (co.preamble === cb.preamble) preamble = ct.preamble;
    else if (!keptBoth(co.preamble, ct.preamble)) {
      preamble = keepBoth(co.preamble, ct.preamble, eol);
      marked++;
    }
  }
  const parts = out.map((o, i) => {
    const next = out[i + 1];
    return next && (next.moved || o.moved || o.last) ? gap(o.text, eol) : o.text;
  });
  const first = out[0];
  const text = (first && first.moved ? gap(preamble, eol) : preamble) + parts.join('');
  try {
    analyze(text);
  } catch (error) {
    return { ok: false, reason: `the merged text could not be parsed: ${(error as Error).message}` };
  }
  return { ok: true, text, marked };
}
