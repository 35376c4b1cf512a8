import { describe, expect, it } from 'vitest';
import { lineRanges, parseBlame } from '../../../src/core/report/blame.js';

const A = '1'.repeat(40);
const B = '2'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseBlame', () => {
  it('lists each commit once in blame order, and the uncommitted lines apart', () => {
    const out = [
      `${A} 3 3 2`,
      'author Ada',
      'summary first',
      'filename src/a.ts',
      '\tthree',
      `${A} 4 4`,
      // Content lines start with a tab, even when they look like a header.
      `\t${B} 1 1 1`,
      `${ZERO} 5 5 1`,
      'author Not Committed Yet',
      '\tfive',
      `${B} 2 6 1`,
      'previous ' + A + ' src/old.ts',
      'filename src/old.ts',
      '\tsix',
      '',
    ].join('\n');
    expect(parseBlame(out)).toEqual({ commits: [A, B], uncommitted: [5], lastLine: 6 });
  });

  it('reads SHA-256 hashes and empty output', () => {
    expect(parseBlame(`${'e'.repeat(64)} 1 1 1\n\tx\n`).commits).toEqual(['e'.repeat(64)]);
    expect(parseBlame('')).toEqual({ commits: [], uncommitted: [], lastLine: 0 });
  });
});

describe('lineRanges', () => {
  it('folds runs of lines into ranges', () => {
    expect(lineRanges([9, 3, 4, 5, 3])).toBe('3-5, 9');
    expect(lineRanges([7])).toBe('7');
    expect(lineRanges([])).toBe('');
  });
});
