import { describe, expect, it } from 'vitest';
import { parseHunks, toHeadLines } from '../../../src/core/report/line-map.js';

// HEAD:      a b c d e f   (lines 1-6)
// work tree: a X X b c f   (two lines added after a; d and e deleted)
const DIFF = ['diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1,0 +2,2 @@ a', '+X', '+X', '@@ -4,2 +5,0 @@ c', '-d', '-e', ''].join('\n');

describe('work-tree lines at HEAD', () => {
  it('reads the hunks of a zero-context diff, a missing count being 1', () => {
    expect(parseHunks(DIFF)).toEqual([
      { oldStart: 1, oldCount: 0, newStart: 2, newCount: 2 },
      { oldStart: 4, oldCount: 2, newStart: 5, newCount: 0 },
    ]);
    expect(parseHunks('@@ -3 +3 @@\n-x\n+y\n')).toEqual([{ oldStart: 3, oldCount: 1, newStart: 3, newCount: 1 }]);
    expect(parseHunks('')).toEqual([]);
  });

  it('shifts lines below added and deleted ones, and names the added ones as not committed', () => {
    const hunks = parseHunks(DIFF);
    // b and c are lines 4-5 in the work tree, 2-3 at HEAD.
    expect(toHeadLines(hunks, { start: 4, end: 5 })).toEqual({ head: { start: 2, end: 3 }, uncommitted: [] });
    // f is line 6 in the work tree, 6 at HEAD: the two added and the two deleted cancel out.
    expect(toHeadLines(hunks, { start: 6, end: 6 })).toEqual({ head: { start: 6, end: 6 }, uncommitted: [] });
    // c and f: the HEAD range holds d and e, deleted between them.
    expect(toHeadLines(hunks, { start: 5, end: 6 })).toEqual({ head: { start: 3, end: 6 }, uncommitted: [] });
    expect(toHeadLines(hunks, { start: 1, end: 3 })).toEqual({ head: { start: 1, end: 1 }, uncommitted: [2, 3] });
    expect(toHeadLines(hunks, { start: 2, end: 3 })).toEqual({ head: null, uncommitted: [2, 3] });
  });

  it('leaves the numbers alone when the file is as committed', () => {
    expect(toHeadLines([], { start: 3, end: 9 })).toEqual({ head: { start: 3, end: 9 }, uncommitted: [] });
  });

  it('counts a changed line as not committed, and the lines after it in place', () => {
    const hunks = parseHunks('@@ -2 +2 @@\n-b\n+B\n');
    expect(toHeadLines(hunks, { start: 1, end: 3 })).toEqual({ head: { start: 1, end: 3 }, uncommitted: [2] });
  });
});
