import { ExitCode, GitSessionError } from '../../errors.js';
import { HOOK_END, HOOK_START } from '../hook-lines.js';

/**
 * A tool-owned region of a file: every line from `start` to `end` belongs to
 * git-session, every byte outside it to the user. Markers match whole lines
 * (surrounding spaces and a CR ignored), so a marker quoted inside prose does not count.
 */
export interface Markers {
  start: string;
  end: string;
}

/** Markers for markdown files (agent instructions). */
export const MD_MARKERS: Markers = { start: '<!-- git-session:start -->', end: '<!-- git-session:end -->' };
/** Markers for shell hooks and `.gitattributes`, where `#` starts a comment. */
export const SH_MARKERS: Markers = { start: HOOK_START, end: HOOK_END };

/** Where a new block goes when the file has none. */
export type Placement = 'append' | 'top';

/** The line ending a file already uses: CRLF if its first line ends so, LF otherwise. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Byte offsets of a block: `start` at its first marker, `end` just after its last marker (before the EOL). */
interface Span {
  start: number;
  end: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function findSpan(text: string, markers: Markers, file: string): Span | undefined {
  const starts = lineStarts(text);
  let open: number | undefined;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    const line = text.slice(from, to).trim();
    if (open === undefined && line === markers.start) open = from;
    else if (open !== undefined && line === markers.end) {
      const cr = to > from && text[to - 1] === '\r' ? 1 : 0;
      return { start: open, end: to - cr };
    } else if (open === undefined && line === markers.end) break;
  }
  if (open === undefined && !text.split('\n').some((l) => l.trim() === markers.end)) return undefined;
  throw new GitSessionError(ExitCode.BadInput, `has a git-session block with a missing or misplaced marker (${markers.start} ... ${markers.end}).`, {
    file,
    fix: `Delete the broken block (from "${markers.start}" to "${markers.end}") or restore the missing marker line, then run the command again.`,
  });
}

/** Whether `text` holds a complete block. Throws BadInput on a half block (one marker without the other). */
export function hasBlock(text: string, markers: Markers, file = 'file'): boolean {
  return findSpan(text, markers, file) !== undefined;
}

/** The full block text for `body` (without a final line ending), in the file's line endings. */
export function renderBlock(body: string, markers: Markers, eol: string): string {
  const lines = body.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  return [markers.start, ...(body.trim() === '' ? [] : lines), markers.end].join(eol);
}

/**
 * Puts `body` between the markers. An existing block is refreshed in place (nothing
 * outside it moves); otherwise the block is appended after one blank line, or put
 * at the top (after a `#!` line) for hooks, where a user's `exit` at the end would
 * skip it. The inverse is `removeBlock`, which restores the input byte for byte.
 */
export function upsertBlock(text: string, body: string, markers: Markers, placement: Placement = 'append', file = 'file'): string {
  const eol = detectEol(text);
  const block = renderBlock(body, markers, eol);
  const span = findSpan(text, markers, file);
  if (span) return text.slice(0, span.start) + block + text.slice(span.end);
  if (placement === 'top') {
    const firstEol = text.indexOf('\n');
    const at = text.startsWith('#!') ? firstEol + 1 : 0;
    // A lone `#!` line without a newline gets the block appended instead.
    if (at > 0 || (text !== '' && !text.startsWith('#!'))) return text.slice(0, at) + block + eol + text.slice(at);
  }
  if (text === '' || text.endsWith('\n')) return text + eol + block + eol;
  // No final newline: end the last line, leave a blank one, and end the block without
  // a newline too, so that removal can tell this shape apart and restore it exactly.
  return text + eol + eol + block;
}

/** What `removeBlock` did. */
export interface Removal {
  text: string;
  found: boolean;
}

/**
 * Removes the block, and the blank line `upsertBlock` put before an appended block.
 * A block the user moved elsewhere is removed with its own line ending only.
 */
export function removeBlock(text: string, markers: Markers, file = 'file'): Removal {
  const span = findSpan(text, markers, file);
  if (!span) return { text, found: false };
  const after = text.slice(span.end);
  const before = text.slice(0, span.start);
  const eolAfter = after.startsWith('\r\n') ? '\r\n' : after.startsWith('\n') ? '\n' : '';
  const rest = after.slice(eolAfter.length);
  if (rest !== '') return { text: before + rest, found: true };
  const eol = detectEol(text);
  if (eolAfter !== '') {
    // Appended to a file that ended with a newline (or was empty): one blank line was added.
    const t = before.slice(0, -eol.length);
    if (before.endsWith(eol) && (t === '' || t.endsWith('\n'))) return { text: t, found: true };
    return { text: before, found: true };
  }
  // Appended to a file without a final newline: a line ending and a blank line were added.
  const t = before.slice(0, -2 * eol.length);
  if (before.endsWith(eol + eol) && !t.endsWith('\n')) return { text: t, found: true };
  return { text: before, found: true };
}

/** Whether `text` is exactly what init creates for a new file: `prefix`, the block, a newline. */
export function isCreatedShape(text: string, markers: Markers, prefix: string, file = 'file'): boolean {
  const span = findSpan(text, markers, file);
  if (!span || span.start !== prefix.length || !text.startsWith(prefix)) return false;
  return text.slice(span.end) === '\n';
}
