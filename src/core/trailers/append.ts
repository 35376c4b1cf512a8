import { ExitCode, GitSessionError } from '../../errors.js';
import { formatTrailer } from './format.js';
import { asciiLower, gitTrim, tokenLength } from './git-text.js';
import { splitTrailerLine, type Trailer } from './parse.js';
import { findTrailerBlock } from './trailer-block.js';

/** Options of {@link appendTrailers}. */
export interface AppendOptions {
  /** `core.commentChar`; `#` by default. */
  commentChar?: string;
}

interface Item {
  token: string | null;
  value: string;
}

/** git's `same_token`: case-insensitive, over the shorter token's length. */
function sameToken(a: Item, b: Item): boolean {
  if (a.token === null || b.token === null) return false;
  const len = Math.min(tokenLength(a.token), tokenLength(b.token));
  return asciiLower(a.token.slice(0, len)) === asciiLower(b.token.slice(0, len));
}

function sameTrailer(a: Item, b: Item): boolean {
  return sameToken(a, b) && asciiLower(a.value) === asciiLower(b.value);
}

/**
 * Appends trailers like `git interpret-trailers --no-divider --if-exists addIfDifferent --trailer ...`:
 * into the message's last trailer block when it has one (keeping Signed-off-by etc. there), else
 * after a blank line; a trailing comment block (`#` lines, the scissors line and what follows) stays
 * last. Never duplicates a trailer already present with the same key and value (compared as git
 * does: case-insensitively, the folded value as written).
 *
 * Like git, it rewrites the block it appends to: each trailer as `Key: value` and comment lines
 * inside the block dropped. Unlike git, a message without a final newline gets one first, so
 * the trailers never end up inside the last paragraph.
 */
export function appendTrailers(message: string, trailers: Trailer[], options: AppendOptions = {}): string {
  const cc = options.commentChar || '#';
  const text = message === '' || message.endsWith('\n') ? message : `${message}\n`;
  const block = findTrailerBlock(text, { commentChar: cc, noDivider: true });
  const items: Item[] = [];
  for (const line of block.lines) {
    if (line.startsWith(cc)) continue;
    const parsed = splitTrailerLine(line);
    items.push(parsed ? { token: parsed.key, value: parsed.value } : { token: null, value: line.replace(/\n$/, '') });
  }
  for (const trailer of trailers) {
    const formatted = formatTrailer(trailer.key, trailer.value);
    if (formatted.startsWith(cc)) {
      throw new GitSessionError(
        ExitCode.BadInput,
        `the trailer key "${trailer.key}" starts with the comment character "${cc}" (core.commentChar), so git would drop the line.`,
        { fix: 'Use another key or another core.commentChar.' },
      );
    }
    const item: Item = { token: trailer.key, value: gitTrim(formatted.slice(trailer.key.length + 1)) };
    if (!items.some((existing) => sameTrailer(existing, item))) items.push(item);
  }
  const rendered = items.map((item) => (item.token === null ? `${item.value}\n` : `${item.token}: ${item.value}\n`));
  return `${text.slice(0, block.start)}${block.blankLineBefore ? '' : '\n'}${rendered.join('')}${text.slice(block.end)}`;
}
