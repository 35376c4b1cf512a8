/**
 * The line reading that plain-items.ts and private-regions.ts share: what one line of
 * a session file is, when lines alone can tell. Why that suffices is argued in
 * plain-items.ts; property tests hold both readers to the parser.
 */

// An ATX heading at the margin whose text holds no inline markup: its plain text is the text itself.
const HEADING = /^(#{1,6})[ \t]+([^\\`*_[\]<>&|~#\p{Cc}]*[^\s\\`*_[\]<>&|~#\p{Cc}])[ \t]*$/u;
// Blank as markdown counts it: spaces and tabs only (a no-break space is text).
const BLANK = /^[ \t]*$/;
/** A comment that opens and closes on its line. */
export const COMMENT_LINE = /^<!--.*-->[ \t]*$/;
// Lines that could open a block swallowing the headings after it, or hide a heading inside one.
const FENCE = /^\s*(?:`{3}|~{3})/;
const INDENTED_MARKUP = /^\s*</;
const INDENTED_HEADING = /^\s+#/;
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/** One line as lines alone read it. */
export type PlainLine = { kind: 'blank' } | { kind: 'heading'; depth: number; text: string } | { kind: 'text' };

/**
 * What `line` (without its line ending) is, given whether the line before it was
 * blank; undefined when lines alone cannot tell (a heading with markup or not at the
 * margin, a fence, an HTML block, a setext underline after text), and the caller
 * declines the whole file.
 */
export function readPlainLine(line: string, afterBlank: boolean): PlainLine | undefined {
  if (BLANK.test(line)) return { kind: 'blank' };
  if (line.startsWith('#')) {
    const heading = HEADING.exec(line);
    return heading ? { kind: 'heading', depth: heading[1]!.length, text: heading[2]! } : undefined;
  }
  if (FENCE.test(line) || INDENTED_HEADING.test(line)) return undefined;
  if (INDENTED_MARKUP.test(line) && !COMMENT_LINE.test(line)) return undefined;
  if (!afterBlank && UNDERLINE.test(line)) return undefined;
  return { kind: 'text' };
}
