import { describe, expect, it } from 'vitest';
import { timelineRange } from '../../../src/core/timeline/range.js';

describe('timelineRange', () => {
  it.each([
    [undefined, { label: 'HEAD', revArgs: ['HEAD'], head: 'HEAD' }],
    ['feature', { label: 'feature', revArgs: ['feature'], head: 'feature' }],
    ['main..feature', { label: 'main..feature', revArgs: ['main..feature'], head: 'feature' }],
    ['main...', { label: 'main...', revArgs: ['main..HEAD'], head: 'HEAD' }],
  ])('%s', (range, expected) => expect(timelineRange(range)).toEqual(expected));

  it.each(['', '-p', '--all'])('refuses %j with exit 2', (range) => {
    expect(() => timelineRange(range)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
