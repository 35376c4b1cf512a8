import type { RootContent } from 'mdast';
import { ExitCode, GitSessionError } from '../../errors.js';
import { TEMPLATE_SECTIONS, templateIndex } from './headings.js';
import { tableColumns } from './items.js';
import { analyze, lineStart, type Analysis, type SectionLayout } from './parse.js';
import { within } from './private.js';
import type { SectionKind } from './types.js';
import { refuseNul, sanitiseApart } from '../text/sanitise.js';
import { escapeInline } from './unescape.js';

/** One contiguous change: remove `remove` characters at `at`, put `insert` there. */
export interface Splice {
  at: number;
  remove: number;
  insert: string;
}

/** Applies a splice; every byte outside [at, at + remove) stays as it was. */
export function applySplice(source: string, s: Splice): string {
  return source.slice(0, s.at) + s.insert + source.slice(s.at + s.remove);
}

/**
 * Collapses input to one line and escapes what would start a block (a heading, a
 * quote, a list, a fence, a table, HTML) so an edit can never change the structure.
 */
export function inlineText(text: string, what: string): string {
  refuseNul(text, what);
  // A control character taken out leaves a space: taken out bare, it could join a token
  // to the letters after it (`ghp_…\u202ex`), and the commit's check would no longer see
  // the token the command warned about.
  const line = sanitiseApart(text).replace(/\s+/g, ' ').trim();
  if (line === '') {
    throw new GitSessionError(ExitCode.Usage, `the ${what} is empty.`, { fix: `Give the ${what} as a non-empty argument.` });
  }
  // Escaped as the reader unescapes (backslashes, stray backticks, comment openers,
  // reason markers), then whatever would start a block. A code span at the start
  // stays one: only a fence-long run of backticks or tildes is escaped.
  return escapeInline(line)
    .replace(/^([#>+*=|<[-]|~~~)/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Start of the line after the one holding `offset` (the source length on the last line). */
function nextLine(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl === -1 ? source.length : nl + 1;
}

/** Where the line holding `offset` ends, before its line ending. */
function lineEnd(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  if (nl === -1) return source.length;
  return nl > 0 && source[nl - 1] === '\r' ? nl - 1 : nl;
}

function lineAt(source: string, at: number): string {
  return source.slice(at, lineEnd(source, at));
}

function previousLine(source: string, at: number): string | null {
  if (at === 0) return null;
  return source.slice(lineStart(source, at - 1), lineEnd(source, at - 1));
}

/** Inserts whole lines at a line start; a file without a final newline gets one only here. */
function insertLines(a: Analysis, wanted: number, lines: string[]): Splice {
  const { source, eol } = a.doc;
  // Never inside a private region: the entry would vanish from everything that reads it.
  const region = a.privates.find(([start, end]) => wanted > start && wanted < end);
  let at = region ? lineStart(source, region[0]) : wanted;
  if (at === 0 && source.charCodeAt(0) === 0xfeff) at = 1;
  const text = lines.join(eol) + eol;
  if (at === source.length && source.length > 0 && !source.endsWith('\n')) return { at, remove: 0, insert: eol + text };
  return { at, remove: 0, insert: text };
}

/** The bullet of the document's first list, for lists the tool starts. */
function documentBullet(a: Analysis): string {
  const list = a.nodes.find((n) => n.type === 'list' && !n.ordered);
  const m = list ? /^([-*+])([ \t]+)/.exec(a.doc.source.slice(a.span(list).start)) : null;
  return m ? m[1]! + m[2]! : '- ';
}

function target(a: Analysis, kind: SectionKind): SectionLayout | undefined {
  return a.layouts.find((l) => l.section.kind === kind && !l.section.private);
}

/** Where the body of a section begins: after its heading and a guidance comment right under it. */
function afterGuidance(a: Analysis, layout: SectionLayout): number {
  const { source } = a.doc;
  let at = nextLine(source, layout.section.bodyStart);
  const first = layout.nodes[0];
  if (first?.type === 'html' && /^\s*<!--/.test(first.value) && !/private/i.test(first.value)) {
    at = nextLine(source, a.span(first).end);
  }
  return at;
}

function needsBlankAfter(source: string, at: number): boolean {
  if (at >= source.length) return false;
  const line = lineAt(source, at);
  return line.trim() !== '' && !/^ {0,3}#{1,6}(\s|$)/.test(line);
}

/** Adds a section that is missing, in template order, holding `body` lines. */
function addSection(a: Analysis, kind: SectionKind, body: string[]): Splice {
  const { source } = a.doc;
  const heading = TEMPLATE_SECTIONS.find((t) => t.kind === kind)?.heading ?? kind;
  const rank = templateIndex(kind);
  const before = a.layouts.find((l) => l.section.kind !== 'unknown' && templateIndex(l.section.kind) > rank);
  const known = a.layouts.find((l) => l.section.kind !== 'unknown');
  const depth = before?.section.depth ?? known?.section.depth ?? 2;
  const lines = [`${'#'.repeat(depth)} ${heading}`, '', ...body];
  const at = before ? lineStart(source, before.section.start) : source.length;
  const prev = previousLine(source, at);
  if (prev !== null && prev.trim() !== '') lines.unshift('');
  if (before) lines.push('');
  return insertLines(a, at, lines);
}

function lastOf<T extends RootContent['type']>(nodes: RootContent[], type: T): Extract<RootContent, { type: T }> | undefined {
  return nodes.filter((n): n is Extract<RootContent, { type: T }> => n.type === type).pop();
}

/** Plans adding one entry (`content` without its bullet) to the first section of `kind`. */
export function planAddItem(source: string, kind: SectionKind, content: string, cells?: { text: string; reason: string | null }): Splice {
  const a = analyze(source);
  const layout = target(a, kind);
  if (!layout) return addSection(a, kind, [documentBullet(a) + content]);
  const open = layout.nodes.filter((n) => !within(a.privates, a.span(n).start));
  const list = lastOf(open, 'list');
  if (list) {
    const last = list.children[list.children.length - 1]!;
    const start = a.span(last).start;
    const indent = source.slice(lineStart(source, start), start);
    const m = /^([-*+]|(\d+)([.)]))([ \t]+)/.exec(source.slice(start));
    const marker = m?.[2] ? `${Number(m[2]) + 1}${m[3]}` : (m?.[1] ?? '-');
    const lead = /^[ \t]*$/.test(indent) ? indent : '';
    return insertLines(a, nextLine(source, a.span(list).end), [`${lead}${marker}${m?.[4] ?? ' '}${content}`]);
  }
  const table = lastOf(open, 'table');
  if (table && cells) {
    const { textCol, reasonCol, width } = tableColumns(table, kind);
    const row = Array.from({ length: Math.max(width, 1) }, (_, i) =>
      i === textCol ? cells.text : i === reasonCol ? (cells.reason ?? '') : '',
    ).map((c) => c.replace(/\|/g, '\\|'));
    return insertLines(a, nextLine(source, a.span(table).end), [`| ${row.join(' | ')} |`]);
  }
  const at = afterGuidance(a, layout);
  const lines = [documentBullet(a) + content];
  if (needsBlankAfter(source, at)) lines.push('');
  return insertLines(a, at, lines);
}

/** A status edit, and how many lines of the section it left standing. */
export interface StatusSplice extends Splice {
  /** Lines of the old status kept below the new one (0 when the whole body was replaced). */
  kept: number;
}

/** A status body up to this many lines, of plain paragraphs and flat lists, is replaced whole. */
const SHORT_STATUS_LINES = 3;

function isShort(a: Analysis, body: readonly RootContent[], from: number, to: number): boolean {
  const flat = body.every(
    (n) => n.type === 'paragraph' || (n.type === 'list' && n.children.every((item) => item.children.every((c) => c.type === 'paragraph'))),
  );
  return flat && a.doc.source.slice(from, to).split('\n').length <= SHORT_STATUS_LINES;
}

/** A one-line paragraph that does not lead into what follows it (`Still to do:`). */
function isStatusLine(a: Analysis, node: RootContent): boolean {
  if (node.type !== 'paragraph') return false;
  const text = a.doc.source.slice(a.span(node).start, a.span(node).end);
  return !text.includes('\n') && !/:\s*[*_]*\s*$/.test(text);
}

/**
 * Plans setting the status (its heading and guidance comment stay). A short status
 * (a few lines of prose or a flat list) is replaced whole. A longer one is never
 * wiped: its first line is replaced when it is a one-line paragraph, otherwise the
 * new line goes on top, and the rest stays for the user to prune.
 */
export function planSetStatus(source: string, text: string): StatusSplice {
  const a = analyze(source);
  const line = inlineText(text, 'status');
  const layout = target(a, 'status');
  if (!layout) return { ...addSection(a, 'status', [line]), kept: 0 };
  const from = afterGuidance(a, layout);
  const firstSub = layout.nodes.find((n) => n.type === 'heading' && a.span(n).start >= from);
  const until = firstSub ? lineStart(source, a.span(firstSub).start) : layout.ownEnd;
  const body = layout.nodes.filter((n) => a.span(n).start >= from && a.span(n).start < until);
  // A closing rule or comment separates or marks sections: it is layout, not status.
  while (body.length > 0 && (body[body.length - 1]!.type === 'thematicBreak' || body[body.length - 1]!.type === 'html')) body.pop();
  const first = body[0];
  const last = body[body.length - 1];
  if (!first || !last) {
    const lines = [line];
    if (needsBlankAfter(source, from)) lines.push('');
    return { ...insertLines(a, from, lines), kept: 0 };
  }
  const at = lineStart(source, a.span(first).start);
  const to = lineEnd(source, a.span(last).end);
  const total = source.slice(at, to).split('\n').length;
  if (isShort(a, body, at, to)) return { at, remove: to - at, insert: line, kept: 0 };
  if (isStatusLine(a, first)) {
    const end = lineEnd(source, a.span(first).end);
    return { at, remove: end - at, insert: line, kept: total - 1 };
  }
  return { ...insertLines(a, at, [line, '']), kept: total };
}
