import { sanitiseText } from './sanitise.js';

// What a name may still hold once terminal control is taken out (see sanitiseText): line
// breaks and tabs, which would start what reads as a new line of the output (Unicode's
// line and paragraph separators too, in an editor or a page), and the quote and
// backslash that the quoted form itself uses.
const UNSHOWABLE = /[\t\n\r"\\\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * A file name as it may be printed inside a line meant for a person or an assistant:
 * terminal control taken out as from every text we print, then as it is when it is
 * plain, else in double quotes with line breaks, tabs, quotes and backslashes escaped,
 * as git quotes such a name (`core.quotePath`). A name is any bytes but NUL and `/`:
 * one holding a line feed could otherwise add a line of its own choosing, such as a
 * decision that was never recorded, to what an assistant is told.
 */
export function shownPath(path: string): string {
  const clean = sanitiseText(path, { multiline: true });
  UNSHOWABLE.lastIndex = 0;
  if (!UNSHOWABLE.test(clean) && clean.trim() === clean) return clean;
  return `"${clean.replace(UNSHOWABLE, (c) => ESCAPES[c]!)}"`;
}
