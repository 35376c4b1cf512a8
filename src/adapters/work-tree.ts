import { readFileSync, statSync } from 'node:fs';

/** Files larger than this are not read to count their lines. */
const MAX_COUNTED_BYTES = 1024 * 1024;

/** Modification time (ms) of a path, or undefined when it does not exist. */
export function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Lines in a text file; null for a binary, oversized or unreadable one. */
export function countLines(path: string): number | null {
  try {
    if (statSync(path).size > MAX_COUNTED_BYTES) return null;
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return null;
    const text = bytes.toString('utf8');
    return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  } catch {
    return null;
  }
}
