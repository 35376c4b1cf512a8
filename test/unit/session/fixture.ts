import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads a fixture of test/fixtures/session. */
export function fixture(name: string): string {
  return readFileSync(resolve(__dirname, '../../fixtures/session', name), 'utf8');
}

/**
 * Checks that `after` is `before` with one contiguous block of lines replaced
 * (or inserted): returns the lines that came in and the lines that went out.
 */
export function lineChange(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}
