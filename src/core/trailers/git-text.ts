// Byte-level helpers that mirror the C primitives git's trailer code is built on.
// git walks a NUL-terminated buffer by lines and uses its own ASCII-only ctype, so
// these work on string indices and never treat non-ASCII as letters or spaces.

/** git's `isspace`: space, tab, LF and CR only (not VT or FF). */
export function isGitSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** git's `isalnum`: ASCII letters and digits only. */
export function isGitAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

/** Start of the line after the one at `i` (the end of the text when it has no newline). */
export function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl + 1;
}

/** Start of the last line in `s[0, len)`, a final newline belonging to that line; -1 when empty. */
export function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  for (let i = len - 2; i >= 0; i--) if (s[i] === '\n') return i + 1;
  return 0;
}

/** Whether the line at `i` holds nothing but git-whitespace. */
export function isBlankLine(s: string, i: number): boolean {
  let c = i;
  while (c < s.length && s[c] !== '\n' && isGitSpace(s[c])) c++;
  return c >= s.length || s[c] === '\n';
}

/**
 * Offset of the separator in the line at `i`, or -1 when the line is not `token: value`:
 * the token is ASCII letters, digits and `-`, optionally followed by blanks.
 */
export function findSeparator(s: string, i: number, separators = ':'): number {
  let whitespaceFound = false;
  for (let c = i; c < s.length; c++) {
    const ch = s[c] as string;
    if (separators.includes(ch)) return c - i;
    if (!whitespaceFound && (isGitAlnum(ch) || ch === '-')) continue;
    if (c !== i && (ch === ' ' || ch === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** `strbuf_trim`: strips git-whitespace at both ends. */
export function gitTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGitSpace(s[a])) a++;
  while (b > a && isGitSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/** ASCII-only lower-casing, as `strcasecmp` compares. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Length of a token without trailing non-alphanumerics (git's `token_len_without_separator`). */
export function tokenLength(token: string): number {
  let len = token.length;
  while (len > 0 && !isGitAlnum(token[len - 1])) len--;
  return len;
}
