import { describe, expect, it } from 'vitest';
import { conflictPolicy } from '../../../../src/core/pipeline/policy/conflict.js';
import { conflictMarkers } from '../../../../src/core/session/conflict.js';

describe('conflictPolicy', () => {
  it.each([
    ['remind', [3], 'refuse'],
    ['strict', [3], 'refuse'],
    ['off', [3], 'warn'],
    ['remind', [], 'none'],
  ] as const)('mode=%s lines=%o -> %s', (mode, lines, action) => {
    expect(conflictPolicy(mode, lines)).toBe(action);
  });
});

describe('conflictMarkers', () => {
  it('finds the marker lines of a conflict', () => {
    const text = '# S\n<<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> topic\n';
    expect(conflictMarkers(text)).toEqual([2, 4, 6]);
  });
  it('ignores markers quoted in a code fence, and a setext underline alone', () => {
    expect(conflictMarkers('```\n<<<<<<< HEAD\n=======\n>>>>>>> x\n```\n')).toEqual([]);
    expect(conflictMarkers('Title\n=======\n')).toEqual([]);
  });
  it('reads CRLF files', () => {
    expect(conflictMarkers('<<<<<<< ours\r\n- a\r\n=======\r\n- b\r\n>>>>>>> theirs\r\n')).toEqual([1, 3, 5]);
  });
});
