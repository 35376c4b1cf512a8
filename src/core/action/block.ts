/**
 * The review block a pull-request description carries between two markers. Only the
 * text between the start marker and the end of the end marker's line is ours: every
 * other byte of the description stays as its author wrote it.
 */

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
  const review = input.review.replace(/\s+$/, '');
  if (input.trailers.length === 0) return `${BLOCK_START}\n${review}\n${BLOCK_END}`;
  const trailers = [...input.trailers, `${RANGE_TRAILER}: ${input.range} ${BLOCK_END}`];
  return `${BLOCK_START}\n${review}\n\n${trailers.join('\n')}`;
}

/** The review alone between the markers: for a comment, where no squash message is built. */
export function renderCommentBody(review: string): string {
  return `${BLOCK_START}\n${review.replace(/\s+$/, '')}\n${BLOCK_END}`;
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

/**
 * Every complete block in `text`, in order. A start marker without an end marker after
 * it is reported as `broken`: guessing where it ends could eat the author's text.
 */
export function findBlocks(text: string): { blocks: BlockSpan[]; broken: boolean } {
  const blocks: BlockSpan[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(BLOCK_START, from);
    if (start === -1) return { blocks, broken: false };
    const end = text.indexOf(BLOCK_END, start + BLOCK_START.length);
    if (end === -1) return { blocks, broken: true };
    const stop = lineEnd(text, end);
    blocks.push({ start, end: stop });
    from = stop;
  }
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
