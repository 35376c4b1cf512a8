// Characters a file name may hold that would change what is printed around it: control
// characters (a line feed starts what reads as a new line of the output), bidirectional
// overrides, and the quote and backslash that the quoted form itself uses.
const UNSHOWABLE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"\\]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * A file name as it may be printed inside a line meant for a person or an assistant:
 * as it is when it is plain, else in double quotes with those characters escaped, as
 * git quotes such a name (`core.quotePath`). A name is any bytes but NUL and `/`: one
 * holding a line feed could otherwise add a line of its own choosing, such as a decision
 * that was never recorded, to what an assistant is told.
 */
export function shownPath(path: string): string {
  UNSHOWABLE.lastIndex = 0;
  if (!UNSHOWABLE.test(path) && path.trim() === path) return path;
  return `"${path.replace(UNSHOWABLE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
