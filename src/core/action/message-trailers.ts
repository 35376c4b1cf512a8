/** A trailer line's start: `Key: value`. */
const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*: /;

/**
 * The trailers a squash message ends with, one string each: a folded value's lines
 * (indented, after its first) stay with their trailer, so that a block too long for
 * the description keeps or leaves out whole trailers, and counts them as trailers.
 * Empty when the last paragraph is not all `Key: value` lines (a message whose
 * every item was retired ends with the list of its commits instead).
 */
export function messageTrailers(message: string): string[] {
  const paragraphs = message.trim().split('\n\n');
  if (paragraphs.length < 2) return [];
  const lines = paragraphs[paragraphs.length - 1]!.split('\n');
  const trailers: string[] = [];
  for (const line of lines) {
    if (TRAILER.test(line)) trailers.push(line);
    else if (/^\s/.test(line) && trailers.length > 0) trailers[trailers.length - 1] += `\n${line}`;
    else return [];
  }
  return trailers;
}
