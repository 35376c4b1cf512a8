import { describe, expect, it } from 'vitest';
import { changedLines, parseNumstat } from '../../../src/core/pipeline/numstat.js';

describe('parseNumstat', () => {
  it('reads plain, binary and renamed entries', () => {
    const out = '3\t1\tsrc/a.ts\0-\t-\tlogo.png\0' + '2\t0\t\0old name.ts\0new name.ts\0' + '0\t4\tweird\ttab.md\0';
    expect(parseNumstat(out)).toEqual([
      { path: 'src/a.ts', added: 3, removed: 1 },
      { path: 'logo.png', added: null, removed: null },
      { path: 'new name.ts', added: 2, removed: 0 },
      { path: 'weird\ttab.md', added: 0, removed: 4 },
    ]);
  });

  it('is empty for empty output', () => {
    expect(parseNumstat('')).toEqual([]);
  });

  it('counts changed lines, a binary file as one', () => {
    expect(changedLines(parseNumstat('3\t1\ta\0-\t-\tb\0'))).toBe(5);
  });
});
