import { describe, expect, it } from 'vitest';
import { changedLines, commonChanges, parseNumstat } from '../../../src/core/pipeline/numstat.js';

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

describe('commonChanges', () => {
  const f = (path: string, added: number | null, removed: number | null = 0) => ({ path, added, removed });

  it.each([
    ['one parent: its changes as they are', [[f('a', 1), f('b', 2)]], [f('a', 1), f('b', 2)]],
    ['a merge: what differs from every parent, counted against the closest', [[f('SESSION.md', 3), f('m', 4)], [f('SESSION.md', 1)]], [f('SESSION.md', 1)]],
    ['a binary file counts as more than any text', [[f('x', null, null)], [f('x', 2)]], [f('x', 2)]],
    ['no parents', [], []],
  ])('%s', (_case, perParent, expected) => {
    expect(commonChanges(perParent)).toEqual(expected);
  });
});
