import type { Span } from './private-regions.js';

/**
 * How the lines of a session file in the work tree are numbered in the text git
 * stores of it, where the private filter took the private bodies out (see
 * private-regions.ts): git blame and git diff read the work-tree file through the
 * filter, so they number its lines as stored, while a person (and an editor) numbers
 * them as the work tree has them.
 */
export interface StoredLines {
  /** For each work-tree line (1-based), its line in the stored text; 0 where all of it was taken out (private). */
  stored: readonly number[];
  /** How many lines the work-tree text has. */
  length: number;
}

/**
 * The stored numbering of `source` with the `removed` spans (sorted, apart) taken
 * out. A line keeps the number of the stored line its first remaining character
 * is on: a line whose end was taken out (an opening marker, whose body follows)
 * shares its stored line with the line the body ends on.
 */
export function storedLines(source: string, removed: readonly Span[]): StoredLines {
  const stored: number[] = [0];
  let span = 0;
  let storedLine = 1;
  let line = 1;
  let placed = false;
  for (let i = 0; i < source.length; i++) {
    while (span < removed.length && removed[span]![1] <= i) span++;
    const kept = !(span < removed.length && removed[span]![0] <= i);
    if (kept && !placed) {
      stored[line] = storedLine;
      placed = true;
    }
    if (source.charCodeAt(i) === 10) {
      if (kept) storedLine++;
      if (!placed) stored[line] = 0;
      line++;
      placed = false;
    }
  }
  // A last line without a newline is a line; a text ending in one has no line after it.
  const length = source.length === 0 || source.endsWith('\n') ? line - 1 : line;
  if (length === line && !placed) stored[line] = 0;
  return { stored, length };
}

/**
 * Lines start..end of the work tree in the stored numbering: the range to ask git
 * about (null when every line of it is private), and the lines that are private.
 */
export function toStored(map: StoredLines, lines: { start: number; end: number }): { range: { start: number; end: number } | null; private: number[] } {
  const priv: number[] = [];
  let start = 0;
  let end = 0;
  for (let line = lines.start; line <= Math.min(lines.end, map.length); line++) {
    const at = map.stored[line] ?? 0;
    if (at === 0) priv.push(line);
    else {
      if (start === 0) start = at;
      end = at;
    }
  }
  return { range: start === 0 ? null : { start, end }, private: priv };
}

/** The work-tree lines within start..end that stored lines stand for. */
export function toWorktree(map: StoredLines, lines: { start: number; end: number }, storedLinesOf: readonly number[]): number[] {
  const wanted = new Set(storedLinesOf);
  const out: number[] = [];
  for (let line = lines.start; line <= Math.min(lines.end, map.length); line++) {
    if (wanted.has(map.stored[line] ?? 0)) out.push(line);
  }
  return out;
}
