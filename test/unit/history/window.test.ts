import { describe, expect, it } from 'vitest';
import { windowEnds } from '../../../src/core/history/window.js';

const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const c = 'c'.repeat(40);
const d = 'd'.repeat(40);
const e = 'e'.repeat(40);

describe('windowEnds', () => {
  it('is the parent of the oldest commit on a straight line', () => {
    expect(windowEnds(`${a} ${b}\n${b} ${c}\n`)).toEqual([c]);
  });

  it('is nothing when the window holds the root commit', () => {
    expect(windowEnds(`${a} ${b}\n${b}\n`)).toEqual([]);
  });

  it('takes each parent of a merge that the window does not hold, once', () => {
    // a merges b and d; b's parent c and d's parent e are outside; c appears twice.
    expect(windowEnds(`${a} ${b} ${d}\n${b} ${c}\n${d} ${c} ${e}\n`).sort()).toEqual([c, e].sort());
  });

  it('reads empty output (no commits) as no ends', () => {
    expect(windowEnds('')).toEqual([]);
  });
});
