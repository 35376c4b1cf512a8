import type { Nodes } from 'mdast';
import { splitCodeSpans } from './unescape.js';

/** The plain text of a node: markup dropped, inline code and link text kept. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' ? '' : node.value;
  }
  if ('children' in node) {
    return (node.children as Nodes[]).map(plainText).join(node.type === 'tableRow' ? ' | ' : '');
  }
  if (node.type === 'break') return ' ';
  return '';
}

/** Collapses every run of whitespace (newlines included) to one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Removes HTML comments, whole or unterminated; an escaped opener (`\<!--`, typed text)
 * is text, and so is one inside a code span (`` `<!--` ``), where markdown sees no comment.
 */
export function stripComments(text: string): string {
  if (!text.includes('`')) return stripOutsideCode(text);
  return splitCodeSpans(text, true)
    .map((p) => (p.code ? p.text : stripOutsideCode(p.text)))
    .join('');
}

function stripOutsideCode(text: string): string {
  return text.replace(/(?<!(?:^|[^\\])(?:\\\\)*\\)<!--[\s\S]*?(?:-->|$)/g, '');
}
