import { asciiLower, findSeparator } from './git-text.js';
import { findTrailerBlock, type BlockOptions } from './trailer-block.js';

/**
 * The message without the trailers of the given keys (case-insensitive, folded lines
 * and all) whose unfolded `Key: value` is not in `keep`: an amend's trailers are
 * planned again from the commit's content, and a decision taken out of the session
 * file must leave the message too. Every other byte stays.
 */
export function withoutTrailers(message: string, keys: readonly string[], keep: readonly string[], options: BlockOptions = {}): string {
  const block = findTrailerBlock(message, options);
  if (block.lines.length === 0) return message;
  const lower = new Set(keys.map(asciiLower));
  const unfold = (t: string) => t.replace(/\r?\n[ \t]+/g, ' ').trim();
  const kept = new Set(keep.map(unfold));
  const out = block.lines.filter((line) => {
    const sep = findSeparator(line, 0);
    if (sep < 1) return true;
    const key = line.slice(0, sep).trim();
    return !lower.has(asciiLower(key)) || kept.has(unfold(line));
  });
  if (out.length === block.lines.length) return message;
  return message.slice(0, block.start) + out.join('') + message.slice(block.end);
}
