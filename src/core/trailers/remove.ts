import { asciiLower, findSeparator } from './git-text.js';
import { findTrailerBlock, type BlockOptions } from './trailer-block.js';

/**
 * The message without the trailers of the given keys (case-insensitive, folded lines
 * and all) whose unfolded `Key: value` is not in `keep`: an amend's trailers are
 * planned again from the commit's content, and a decision taken out of the session
 * file must leave the message too. Every other byte stays.
 */
export function withoutTrailers(message: string, keys: readonly string[], keep: readonly string[], options: BlockOptions = {}): string {
  const lower = new Set(keys.map(asciiLower));
  const kept = new Set(keep.map(unfold));
  return withoutBlockLines(message, options, (line) => {
    const sep = findSeparator(line, 0);
    return sep >= 1 && lower.has(asciiLower(line.slice(0, sep).trim())) && !kept.has(unfold(line));
  });
}

/**
 * The message without those trailers of its last block whose unfolded `Key: value` is
 * one of `lines` (unfolded too): an amend takes out what git-session wove for the
 * amended content, and a trailer a person typed stays. Every other byte stays.
 */
export function withoutTrailerLines(message: string, lines: readonly string[], options: BlockOptions = {}): string {
  const listed = new Set(lines.map(unfold));
  return withoutBlockLines(message, options, (line) => listed.has(unfold(line)));
}

/** A trailer as one line, its folded continuation lines joined with a space. */
function unfold(trailer: string): string {
  return trailer.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** The message without the lines of its last trailer block that `drop` names; every other byte as it was. */
function withoutBlockLines(message: string, options: BlockOptions, drop: (line: string) => boolean): string {
  const block = findTrailerBlock(message, options);
  const out = block.lines.filter((line) => !drop(line));
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
  const listed = new Set(lines.map(unfold));
  // Paragraphs at even indices, the blank lines between them at odd ones.
  const parts = message.split(/(\r?\n(?:[ \t]*\r?\n)+)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const paragraph = withoutListed(parts[i]!, listed);
    if (paragraph === '') continue;
    if (out.length > 0) out.push(parts[i - 1]!);
    out.push(paragraph);
  }
  const kept = out.join('');
  // A dropped last paragraph took the message's final newline with it.
  return message.endsWith('\n') && kept !== '' && !kept.endsWith('\n') ? `${kept}\n` : kept;
}

/** A paragraph of trailers without the listed ones ('' when none is left); any other paragraph as it is. */
function withoutListed(paragraph: string, listed: ReadonlySet<string>): string {
  // Each trailer with its folded continuation lines.
  const trailers = paragraph.match(/[^\r\n]+(?:\r?\n[ \t][^\r\n]*)*(?:\r?\n)?/g) ?? [];
  if (trailers.length === 0 || !trailers.every((t) => /^[A-Za-z0-9-]+[ \t]*:/.test(t))) return paragraph;
  const kept = trailers.filter((t) => !listed.has(unfold(t)));
  return kept.length === trailers.length ? paragraph : kept.join('');
}
