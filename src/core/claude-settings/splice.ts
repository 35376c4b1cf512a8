import type { JsonNode } from './json-tree.js';

/**
 * Insertions and removals that are exact inverses of each other, so that removing
 * what was added gives back the original bytes:
 * - into a container with items: `,` + newline + indent + item, after the last item;
 * - into an empty container: the item right after the opening bracket (no newline),
 *   which also tells `wasCreated` apart from a container rendered whole.
 * Containers we create are rendered whole, multi-line, and so start with a newline.
 */
export interface Layout {
  /** One level of indentation: two spaces, four, a tab. */
  unit: string;
  /** `\n` or `\r\n`, as the file uses. */
  eol: string;
}

/** Detects the indentation unit and line ending of a JSON text (two spaces when it has none). */
export function detectLayout(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)["{[\]}]/.exec(text);
  return { unit: m?.[1] ?? '  ', eol };
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function itemStarts(node: JsonNode): number[] {
  if (node.kind === 'object') return node.members.map((m) => m.keyStart);
  if (node.kind === 'array') return node.elements.map((e) => e.start);
  return [];
}

function itemEnds(node: JsonNode): number[] {
  if (node.kind === 'object') return node.members.map((m) => m.value.end);
  if (node.kind === 'array') return node.elements.map((e) => e.end);
  return [];
}

/** The indentation items of `container` sit at (existing items' own, or one level deeper than the container). */
export function itemIndent(text: string, container: JsonNode, layout: Layout): string {
  const first = itemStarts(container)[0];
  if (first !== undefined) {
    const before = text.slice(container.start + 1, first);
    if (before.includes('\n')) return lineIndent(text, first);
  }
  return lineIndent(text, container.start) + layout.unit;
}

/** Renders a JSON value, multi-line, for a position whose line is indented by `indent`. */
export function render(value: unknown, indent: string, layout: Layout): string {
  return JSON.stringify(value, null, layout.unit).replace(/\n/g, layout.eol + indent);
}

/** Appends one item (`"key": value` text for an object, value text for an array) at the end of `container`. */
export function appendItem(text: string, container: JsonNode, itemText: string, layout: Layout): string {
  const ends = itemEnds(container);
  const last = ends[ends.length - 1];
  if (last === undefined) {
    return text.slice(0, container.start + 1) + itemText + text.slice(container.start + 1);
  }
  const indent = itemIndent(text, container, layout);
  return text.slice(0, last) + ',' + layout.eol + indent + itemText + text.slice(last);
}

/**
 * Removes item `index` of `container`: the inverse of `appendItem` when it is the last
 * item; otherwise the item and the separator after it.
 */
export function removeItem(text: string, container: JsonNode, index: number): string {
  const starts = itemStarts(container);
  const ends = itemEnds(container);
  const end = ends[index]!;
  if (index === starts.length - 1) {
    const from = index === 0 ? container.start + 1 : ends[index - 1]!;
    return text.slice(0, from) + text.slice(end);
  }
  return text.slice(0, starts[index]!) + text.slice(starts[index + 1]!);
}

/** Whether a container was rendered whole by us (starts with a line break) rather than filled in place. */
export function wasRenderedWhole(text: string, container: JsonNode): boolean {
  const next = text[container.start + 1];
  return next === '\n' || next === '\r';
}
