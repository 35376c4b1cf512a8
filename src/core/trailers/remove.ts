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

/**
 * The message without those trailers of its last block whose unfolded `Key: value` is
 * one of `lines` (unfolded too): an amend takes out what git-session wove for the
 * amended content, and a trailer a person typed stays. Every other byte stays.
 */
export function withoutTrailerLines(message: string, lines: readonly string[], options: BlockOptions = {}): string {
  const block = findTrailerBlock(message, options);
  if (block.lines.length === 0) return message;
  const unfold = (t: string) => t.replace(/\r?\n[ \t]+/g, ' ').trim();
  const listed = new Set(lines.map(unfold));
  const out = block.lines.filter((line) => !listed.has(unfold(line)));
  if (out.length === block.lines.length) return message;
  return message.slice(0, block.start) + out.join('') + message.slice(block.end);
}

/**
 * The message without `lines` (trailers git-session wove, compared unfolded) wherever
 * a paragraph of trailers holds them, and without a paragraph left empty, with the
 * blank line that set it apart: where a `rebase -i` squash left an earlier commit's
 * trailers in the body, they move to the last block instead of standing twice. A
 * trailer a person typed stays where it is, and so does any paragraph of prose.
 */
export function withoutParagraphsOf(message: string, lines: readonly string[]): string {
  const unfold = (t: string) => t.replace(/\r?\n[ \t]+/g, ' ').trim();
  const listed = new Set(lines.map(unfold));
  // Paragraphs at even indices, the blank lines between them at odd ones.
  const parts = message.split(/(\r?\n(?:[ \t]*\r?\n)+)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const paragraph = withoutListed(parts[i]!, listed, unfold);
    if (paragraph === '') continue;
    if (out.length > 0) out.push(parts[i - 1]!);
    out.push(paragraph);
  }
  const kept = out.join('');
  // A dropped last paragraph took the message's final newline with it.
  return message.endsWith('\n') && kept !== '' && !kept.endsWith('\n') ? `${kept}\n` : kept;
}

/** A paragraph of trailers without the listed ones ('' when none is left); any other paragraph as it is. */
function withoutListed(paragraph: string, listed: ReadonlySet<string>, unfold: (t: string) => string): string {
  // Each trailer with its folded continuation lines.
  const trailers = paragraph.match(/[^\r\n]+(?:\r?\n[ \t][^\r\n]*)*(?:\r?\n)?/g) ?? [];
  if (trailers.length === 0 || !trailers.every((t) => /^[A-Za-z0-9-]+[ \t]*:/.test(t))) return paragraph;
  const kept = trailers.filter((t) => !listed.has(unfold(t)));
  return kept.length === trailers.length ? paragraph : kept.join('');
}
