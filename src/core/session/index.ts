/**
 * The SESSION.md model: parse a hand-kept session file into sections and entries,
 * and edit it by splicing at parse positions so every byte not edited stays as it was.
 */
import { applySplice, inlineText, planAddItem, planSetStatus, type Splice } from './edits.js';
import { keyFileOf } from './accessors.js';
import { analyze } from './parse.js';
import type { SectionKind } from './types.js';
import { unescapeMarkdown } from './unescape.js';

export type { FrontMatter, SectionKind, SessionDoc, SessionItem, SessionSection } from './types.js';
export { parseSession } from './parse.js';
export { TEMPLATE_SECTIONS, classifyHeading, normalizeHeading } from './headings.js';
export { getGoal, getStatus, getNextSteps, getDecisions, getDeadEnds, getKeyFiles, publicText, readsThroughMask } from './accessors.js';
export { splitItemReason } from './reasons.js';
export { unescapeMarkdown } from './unescape.js';
export { applySplice, planAddItem, planSetStatus, inlineText, type Splice, type StatusSplice } from './edits.js';

/** Adds `- <text> — Reason: <reason>` (or `- <text>`) to the decisions section, creating it if missing. */
export function addDecision(source: string, d: { text: string; reason?: string | null }): string {
  return applySplice(source, planReasoned(source, 'decisions', 'decision', d));
}

/** Adds `- <what> — Reason: <why>` (or `- <what>`) to the dead-ends section, creating it if missing. */
export function addDeadEnd(source: string, d: { text: string; reason?: string | null }): string {
  return applySplice(source, planReasoned(source, 'deadEnds', 'dead end', d));
}

/** Adds ``- `path` — why`` to the key-files section, creating it if missing. */
export function addKeyFile(source: string, f: { path: string; why?: string | null }): string {
  const path = f.path.replace(/\s+/g, ' ').trim();
  if (path === '') inlineText('', 'path');
  const fence = path.includes('`') ? '`` ' : '`';
  const code = fence + path + [...fence].reverse().join('');
  const why = f.why && f.why.trim() !== '' ? inlineText(f.why, 'reason') : null;
  const content = why ? `${code} — ${why}` : code;
  return applySplice(source, planAddItem(source, 'keyFiles', content, { text: code, reason: why }));
}

/** Replaces the status section's body with `text` (one line), creating the section if missing. */
export function setStatus(source: string, text: string): string {
  return applySplice(source, planSetStatus(source, text));
}

/** Plans a decision or dead-end entry. */
export function planReasoned(
  source: string,
  kind: 'decisions' | 'deadEnds',
  what: string,
  d: { text: string; reason?: string | null },
): Splice {
  const text = inlineText(d.text, what);
  const reason = d.reason && d.reason.trim() !== '' ? inlineText(d.reason, 'reason') : null;
  const content = reason ? `${text} — Reason: ${reason}` : text;
  return planAddItem(source, kind, content, { text, reason });
}

function same(a: string): string {
  return a.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '').toLowerCase();
}

/**
 * Whether the file already holds this entry (same words, any case), in any section
 * of `kind`, private ones included: recording it twice would only add noise. `text`
 * is compared as typed, the file's entries as read (markdown escapes removed).
 * Key files compare by path, case-sensitively: `src/A.ts` and `src/a.ts` are two files.
 */
export function hasEntry(source: string, kind: SectionKind, text: string): boolean {
  const { doc } = analyze(source);
  const items = doc.sections.filter((s) => s.kind === kind).flatMap((s) => s.items);
  if (kind === 'keyFiles') {
    const path = text.replace(/\s+/g, ' ').trim();
    return items.some((i) => keyFileOf(i)?.path === path);
  }
  return items.some((i) => same(unescapeMarkdown(i.text)) === same(text));
}
