import { oneLine, stripComments } from './mdast-text.js';
import { analyze } from './parse.js';
import { cutRanges, privateRanges, privateSectionRanges } from './private.js';
import type { SectionKind, SessionDoc, SessionItem, SessionSection } from './types.js';

function publicSections(doc: SessionDoc, kind: SectionKind): SessionSection[] {
  return doc.sections.filter((s) => s.kind === kind && !s.private);
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
    .filter((l) => !/^\s*\|/.test(l));
}

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
    const goal = oneLine(para.join(' '));
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
    const status = oneLine(parts.join(' '));
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
  return steps.map((i) => i.text);
}

/** Public decisions, in file order. */
export function getDecisions(doc: SessionDoc): { text: string; reason: string | null }[] {
  return publicItems(doc, 'decisions').map(({ text, reason }) => ({ text, reason }));
}

/** Public dead ends, in file order. */
export function getDeadEnds(doc: SessionDoc): { text: string; reason: string | null }[] {
  return publicItems(doc, 'deadEnds').map(({ text, reason }) => ({ text, reason }));
}

/** Public key files: the first inline-code span (or first word) is the path; the rest says why. */
export function getKeyFiles(doc: SessionDoc): { path: string; why: string | null }[] {
  return publicItems(doc, 'keyFiles').flatMap(({ text, reason }) => {
    const code = /`+\s*([^`]+?)\s*`+/.exec(text);
    let path: string;
    let rest: string;
    if (code) {
      path = code[1]!;
      rest = (text.slice(0, code.index) + text.slice(code.index + code[0].length)).trim();
    } else {
      const plain = text.replace(/\*\*|__/g, '');
      const m = /^(\S+?)(?::\s+|\s+|$)(.*)$/.exec(plain);
      path = m?.[1]?.replace(/:$/, '') ?? plain;
      rest = m?.[2] ?? '';
    }
    rest = rest.replace(/^[\s:—–-]+/, '').trim();
    const why = reason ?? (rest === '' ? null : rest);
    return path === '' ? [] : [{ path, why }];
  });
}

/**
 * The source with private sections and `<!-- private -->` … `<!-- /private -->`
 * regions removed: what may leave SESSION.md (commit messages, reviews, context).
 */
export function publicText(doc: SessionDoc): string {
  const { span, nodes } = analyze(doc.source);
  const tree = { type: 'root' as const, children: nodes };
  return cutRanges(doc.source, [...privateSectionRanges(doc), ...privateRanges(doc.source, tree, span)]);
}
