/**
 * The review block a pull-request description carries between two markers. Only the
 * text between the start marker and the end of the end marker's line is ours: every
 * other byte of the description stays as its author wrote it.
 */

import { quietHtml } from './mentions.js';

export const BLOCK_START = '<!-- git-session:review:start -->';
export const BLOCK_END = '<!-- git-session:review:end -->';

/**
 * The trailer that carries the end marker. A hosted squash merge that builds its
 * message from the description keeps the trailers only if they are the message's
 * last paragraph and every line of it is `Key: value`: the marker on a line of its
 * own, after them or in their paragraph, would hide them from git. It rides on a
 * trailer of its own instead, naming the commits the review covered.
 */
export const RANGE_TRAILER = 'Session-Review';

export interface BlockInput {
  /** The review, as markdown. */
  review: string;
  /** The branch's decision and dead-end trailers, one `Key: value` (folded) each, oldest first. */
  trailers: readonly string[];
  /** Short form of the reviewed range, e.g. `1a2b3c4..5d6e7f8`. */
  range: string;
}

/**
 * The block for a description: the review, then the trailers as the block's (and the
 * description's) last paragraph, the end marker on the last trailer line.
 */
export function renderBlock(input: BlockInput): string {
  // Only the markers may hold HTML: nothing between them can end the block or hide part of it.
  const review = quietHtml(input.review.replace(/\s+$/, ''));
  if (input.trailers.length === 0) return `${BLOCK_START}\n${review}\n${BLOCK_END}`;
  const trailers = [...input.trailers.map(quietHtml), `${RANGE_TRAILER}: ${input.range} ${BLOCK_END}`];
  return `${BLOCK_START}\n${review}\n\n${trailers.join('\n')}`;
}

/** The review alone between the markers: for a comment, where no squash message is built. */
export function renderCommentBody(review: string): string {
  return `${BLOCK_START}\n${quietHtml(review.replace(/\s+$/, ''))}\n${BLOCK_END}`;
}

/** Where a block sits in a text: [start, end) as string offsets. */
export interface BlockSpan {
  start: number;
  end: number;
}

/** End of the line holding `index`, before its line break. */
function lineEnd(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** A line of `text`: where it starts, and its text without the line break. */
interface Line {
  at: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  for (let at = 0; ; ) {
    const stop = lineEnd(text, at);
    out.push({ at, text: text.slice(at, stop) });
    const nl = text.indexOf('\n', at);
    if (nl === -1) return out;
    at = nl + 1;
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The lines inside fenced code blocks that are closed (CommonMark: a closing fence has
 * the opening's character, at least as many, and nothing else). An author who shows
 * the markers in an example means no block; a fence never closed hides nothing here,
 * or every block appended after it would be missed and appended again.
 */
function fencedLines(lines: readonly Line[]): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!.text)?.[1];
    if (open === undefined) continue;
    let j = i + 1;
    while (j < lines.length) {
      const close = FENCE.exec(lines[j]!.text)?.[1];
      if (close !== undefined && close[0] === open[0] && close.length >= open.length && lines[j]!.text.trim() === close) break;
      j++;
    }
    if (j === lines.length) continue;
    for (let k = i; k <= j; k++) inside.add(k);
    i = j;
  }
  return inside;
}

/**
 * Every complete block in `text`, in order: from a line that is the start marker alone
 * to the next line that ends with the end marker, outside closed code fences (a
 * marker quoted inline or in an example is the author's text). A start marker without
 * an end marker after it is reported as `broken`: guessing where it ends could eat
 * the author's text.
 */
export function findBlocks(text: string): { blocks: BlockSpan[]; broken: boolean } {
  const lines = linesOf(text);
  const fenced = fencedLines(lines);
  const blocks: BlockSpan[] = [];
  let start: number | undefined;
  lines.forEach((line, i) => {
    if (fenced.has(i)) return;
    if (start === undefined) {
      if (line.text.trim() === BLOCK_START) start = line.at + line.text.indexOf(BLOCK_START);
    } else if (line.text.trimEnd().endsWith(BLOCK_END)) {
      blocks.push({ start, end: line.at + line.text.length });
      start = undefined;
    }
  });
  return { blocks, broken: start !== undefined };
}

export type Splice =
  | { kind: 'added' | 'replaced' | 'unchanged'; body: string; /** Text the author wrote after the block. */ textAfter: boolean }
  | { kind: 'broken' };

/** The line break the text uses most: a description edited in a browser has CRLF. */
function separatorFor(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Puts `block` into a description: in place of the first block (dropping any later
 * copies, which are ours too), or appended after a blank line when there is none.
 */
export function spliceBlock(body: string | null | undefined, block: string): Splice {
  const text = body ?? '';
  const found = findBlocks(text);
  if (found.broken) return { kind: 'broken' };
  if (found.blocks.length === 0) {
    const nl = separatorFor(text);
    const sep = text === '' ? '' : text.endsWith(`${nl}${nl}`) ? '' : text.endsWith(nl) ? nl : `${nl}${nl}`;
    return { kind: 'added', body: `${text}${sep}${block}`, textAfter: false };
  }
  let out = '';
  let at = 0;
  found.blocks.forEach((span, i) => {
    out += text.slice(at, span.start) + (i === 0 ? block : '');
    at = span.end;
    // A later copy takes its line break with it, so no empty line is left behind.
    if (i > 0 && text.startsWith('\r\n', at)) at += 2;
    else if (i > 0 && text.startsWith('\n', at)) at += 1;
  });
  out += text.slice(at);
  const textAfter = out.slice(found.blocks[0]!.start + block.length).trim() !== '';
  return { kind: out === text ? 'unchanged' : 'replaced', body: out, textAfter };
}
