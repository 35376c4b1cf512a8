import { oneLine, stripComments } from './mdast-text.js';
import { analyze, parseSession } from './parse.js';
import { cutRanges, maskRanges, MASKED_HEADING, privateRanges, privateSectionRanges } from './private.js';
import type { SectionKind, SessionDoc, SessionItem, SessionSection } from './types.js';
import { unescapeMarkdown } from './unescape.js';

const PRIVATE_MARKER = /<!--\s*private\s*-->/i;
const visibleDocs = new WeakMap<SessionDoc, SessionDoc>();

/**
 * What readers may see of `doc`. Sections and items carry a private flag, but a
 * `<!-- private -->` region inside a section's prose or an entry's line only shows
 * in the source: such a document is read through its masked public text instead.
 */
function visible(doc: SessionDoc): SessionDoc {
  if (!PRIVATE_MARKER.test(doc.source)) return doc;
  let open = visibleDocs.get(doc);
  if (!open) {
    open = parseSession(maskedText(doc));
    visibleDocs.set(doc, open);
  }
  return open;
}

/** Whether readers see `doc` through its masked public text (its offsets are then not theirs). */
export function readsThroughMask(doc: SessionDoc): boolean {
  return visible(doc) !== doc;
}

function publicSections(doc: SessionDoc, kind: SectionKind): SessionSection[] {
  return visible(doc).sections.filter((s) => s.kind === kind && !s.private);
}

function publicItems(doc: SessionDoc, kind: SectionKind): SessionItem[] {
  return publicSections(doc, kind).flatMap((s) => s.items.filter((i) => !i.private));
}

const MARKER = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/;

// Prose lines only: code blocks and table rows do not read as a sentence.
function lines(text: string): string[] {
  return stripComments(text)
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*>\s?/, ''))
    .filter((l) => !/^\s*\|/.test(l) && !MASKED_LINE.test(l));
}

// The stand-in a private heading leaves in a masked document (see maskRanges) is no prose.
const MASKED_LINE = new RegExp(`^ {0,3}#{1,6} ${MASKED_HEADING.replace(/[()]/g, '\\$&')}\\s*$`);

/** The goal in one line: the first paragraph (or first item) of the goal section, else a `goal` front matter key. */
export function getGoal(doc: SessionDoc): string | null {
  for (const section of publicSections(doc, 'goal')) {
    const para: string[] = [];
    for (const line of lines(section.text)) {
      if (line.trim() === '') {
        if (para.length > 0) break;
        continue;
      }
      if (para.length > 0 && MARKER.test(line)) break;
      para.push(line.replace(MARKER, ''));
    }
    const goal = unescapeMarkdown(oneLine(para.join(' ')));
    if (goal !== '') return goal;
  }
  const fm = doc.frontMatter?.data.goal;
  return typeof fm === 'string' && fm.trim() !== '' ? oneLine(fm) : null;
}

/** The status section's text in one line (list markers dropped, lines joined). */
export function getStatus(doc: SessionDoc): string | null {
  for (const section of publicSections(doc, 'status')) {
    const parts = lines(section.text)
      .map((l) => l.replace(MARKER, '').trim())
      .filter((l) => l !== '' && !/^#{1,6}\s/.test(l));
    const status = unescapeMarkdown(oneLine(parts.join(' ')));
    if (status !== '') return status;
  }
  const fm = doc.frontMatter?.data.status;
  return typeof fm === 'string' && fm.trim() !== '' ? oneLine(fm) : null;
}

/**
 * The next steps: open items of the next-steps sections, else the open task boxes
 * (`- [ ]`) of the status section. Plain status bullets are facts, not steps.
 */
export function getNextSteps(doc: SessionDoc): string[] {
  const next = publicItems(doc, 'nextSteps').filter((i) => i.checked !== true);
  const steps = next.length > 0 ? next : publicItems(doc, 'status').filter((i) => i.checked === false);
  return steps.map((i) => unescapeMarkdown(i.text));
}

function reasoned({ text, reason }: SessionItem): { text: string; reason: string | null } {
  return { text: unescapeMarkdown(text), reason: reason === null ? null : unescapeMarkdown(reason) };
}

/** Public decisions, in file order. */
export function getDecisions(doc: SessionDoc): { text: string; reason: string | null }[] {
  return publicItems(doc, 'decisions').map(reasoned);
}

/** Public dead ends, in file order. */
export function getDeadEnds(doc: SessionDoc): { text: string; reason: string | null }[] {
  return publicItems(doc, 'deadEnds').map(reasoned);
}

/** Public key files: the first inline-code span (or first word) is the path; the rest says why. */
export function getKeyFiles(doc: SessionDoc): { path: string; why: string | null }[] {
  return publicItems(doc, 'keyFiles').flatMap((item) => {
    const file = keyFileOf(item);
    return file ? [file] : [];
  });
}

/** A key-file entry read as a path (as typed: code spans keep backslashes) and why it matters. */
export function keyFileOf({ text, reason }: Pick<SessionItem, 'text' | 'reason'>): { path: string; why: string | null } | null {
  const code = /`+\s*([^`]+?)\s*`+/.exec(text);
  let path: string;
  let rest: string;
  if (code) {
    path = code[1]!;
    rest = (text.slice(0, code.index) + text.slice(code.index + code[0].length)).trim();
  } else {
    const plain = text.replace(/\*\*|__/g, '');
    const m = /^(\S+?)(?::\s+|\s+|$)(.*)$/.exec(plain);
    path = unescapeMarkdown(m?.[1]?.replace(/:$/, '') ?? plain);
    rest = m?.[2] ?? '';
  }
  rest = unescapeMarkdown(rest.replace(/^[\s:—–-]+/, '').trim());
  const why = reason === null ? (rest === '' ? null : rest) : unescapeMarkdown(reason);
  return path === '' ? null : { path, why };
}

/**
 * The source with private sections and `<!-- private -->` … `<!-- /private -->`
 * regions removed: what may leave SESSION.md (commit messages, reviews, context).
 */
/** The public text with the private regions' headings kept as `Private` (see maskRanges). */
function maskedText(doc: SessionDoc): string {
  const { span, nodes } = analyze(doc.source);
  const tree = { type: 'root' as const, children: nodes };
  const headings = doc.sections.map((x) => ({ start: x.start, depth: x.depth }));
  return maskRanges(doc.source, [...privateSectionRanges(doc), ...privateRanges(doc.source, tree, span)], headings);
}

export function publicText(doc: SessionDoc): string {
  const { span, nodes } = analyze(doc.source);
  const tree = { type: 'root' as const, children: nodes };
  return cutRanges(doc.source, [...privateSectionRanges(doc), ...privateRanges(doc.source, tree, span)]);
}
