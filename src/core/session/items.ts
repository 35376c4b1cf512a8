import type { Heading, List, ListItem, Nodes, RootContent, Table } from 'mdast';
import { oneLine, plainText } from './mdast-text.js';
import { reasonLine, splitItemReason } from './reasons.js';
import { MASKED_HEADING } from './private.js';
import type { SectionKind, SessionItem } from './types.js';

/** Offsets of a node in the original source (remark counts from after a BOM). */
export interface Span {
  start: number;
  end: number;
}

export type SpanOf = (node: Nodes) => Span;

/** Sections whose entries carry a reason worth splitting off. */
const REASONED: ReadonlySet<SectionKind> = new Set(['decisions', 'deadEnds', 'keyFiles']);

function itemText(source: string, item: ListItem, span: SpanOf): string {
  const first = item.children[0];
  if (!first) return '';
  const raw = first.type === 'paragraph' ? source.slice(span(first).start, span(first).end) : plainText(first);
  // gfm keeps the task box inside the paragraph's span.
  return oneLine(raw).replace(/^\[[ xX]\]\s+/, '');
}

function subReason(source: string, item: ListItem, span: SpanOf): string | null {
  for (const child of item.children.slice(1)) {
    if (child.type !== 'list') continue;
    for (const sub of child.children) {
      const reason = reasonLine(itemText(source, sub, span));
      if (reason) return reason;
    }
  }
  return null;
}

function fromList(source: string, list: List, kind: SectionKind, span: SpanOf): SessionItem[] {
  return list.children.map((item) => {
    const raw = itemText(source, item, span);
    const split = REASONED.has(kind) ? splitItemReason(raw, { asWritten: kind === 'keyFiles' }) : { text: raw, reason: null };
    const reason = split.reason ?? (REASONED.has(kind) ? subReason(source, item, span) : null);
    return { text: split.text, reason, checked: item.checked ?? null, private: false, ...span(item) };
  });
}

const TEXT_COLUMN = /decision|approach|what|choice|option|tried|idea|file|path|décision|decisi|elecci|entscheid|결정|决策/i;
const REASON_COLUMN = /why|reason|because|rationale|raz[oó]n|raison|motivo|grund|outcome|result|이유|理由/i;

/** Which column of a table holds an entry's text and which its reason (-1: none). */
export function tableColumns(table: Table, kind: SectionKind): { textCol: number; reasonCol: number; width: number } {
  const headers = (table.children[0]?.children ?? []).map((c) => oneLine(plainText(c)));
  let textCol = headers.findIndex((h) => TEXT_COLUMN.test(h) && !REASON_COLUMN.test(h));
  if (textCol === -1) textCol = 0;
  let reasonCol = headers.findIndex((h, i) => i !== textCol && REASON_COLUMN.test(h));
  if (reasonCol === -1 && REASONED.has(kind) && headers.length >= 2) reasonCol = textCol === 0 ? 1 : 0;
  return { textCol, reasonCol, width: headers.length };
}

function fromTable(source: string, table: Table, kind: SectionKind, span: SpanOf): SessionItem[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const { textCol, reasonCol } = tableColumns(table, kind);
  const cell = (row: (typeof rows)[number], i: number): string => {
    const c = row.children[i];
    if (!c || c.children.length === 0) return '';
    const first = c.children[0]!;
    const last = c.children[c.children.length - 1]!;
    return oneLine(source.slice(span(first).start, span(last).end));
  };
  return rows
    .map((row) => {
      const reason = reasonCol === -1 ? '' : cell(row, reasonCol);
      return {
        text: cell(row, textCol),
        reason: reason === '' || /^[—–-]$/.test(reason) ? null : reason,
        checked: null,
        private: false,
        ...span(row),
      };
    })
    .filter((item) => item.text !== '');
}

/**
 * The entries among a section's own top-level nodes: items of its lists, rows of
 * its tables, and, in decision and dead-end sections, sub-headings used as entries.
 */
// A private heading that reading left in place (see maskRanges) is no entry.
function isMasked(node: Heading): boolean {
  return oneLine(plainText(node)) === MASKED_HEADING;
}

export function collectItems(source: string, nodes: readonly RootContent[], kind: SectionKind, span: SpanOf): SessionItem[] {
  const items: SessionItem[] = [];
  nodes.forEach((node, i) => {
    if (node.type === 'list') items.push(...fromList(source, node, kind, span));
    else if (node.type === 'table') items.push(...fromTable(source, node, kind, span));
    else if (node.type === 'heading' && (kind === 'decisions' || kind === 'deadEnds') && !groupsLists(nodes, i) && !isMasked(node)) {
      items.push(fromSubHeading(node, nodes[i + 1], span));
    }
  });
  return items;
}

// A sub-heading over lists or tables groups entries; one over prose is an entry itself.
function groupsLists(nodes: readonly RootContent[], at: number): boolean {
  for (let i = at + 1; i < nodes.length && nodes[i]!.type !== 'heading'; i++) {
    if (nodes[i]!.type === 'list' || nodes[i]!.type === 'table') return true;
  }
  return false;
}

function fromSubHeading(heading: Heading, next: RootContent | undefined, span: SpanOf): SessionItem {
  const text = oneLine(plainText(heading)).replace(/\?$/, '');
  const explained = next?.type === 'paragraph' ? next : undefined;
  const reason = explained ? oneLine(plainText(explained)) : null;
  return {
    text,
    reason: reason === '' ? null : reason,
    checked: null,
    private: false,
    start: span(heading).start,
    end: span(explained ?? heading).end,
  };
}
