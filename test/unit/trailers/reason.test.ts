import { describe, expect, it } from 'vitest';
import { joinReason, splitReason } from '../../../src/core/trailers/index.js';

describe('joinReason / splitReason', () => {
  it('joins with an em dash and splits back', () => {
    const value = joinReason('use a queue', 'fewer locks');
    expect(value).toBe('use a queue — fewer locks');
    expect(splitReason(value)).toEqual({ text: 'use a queue', reason: 'fewer locks' });
  });

  it('leaves the reason out when there is none', () => {
    expect(joinReason('use a queue', null)).toBe('use a queue');
    expect(joinReason('use a queue', undefined)).toBe('use a queue');
    expect(joinReason('use a queue', ' \n ')).toBe('use a queue');
    expect(splitReason('use a queue')).toEqual({ text: 'use a queue', reason: null });
  });

  it('sanitizes both parts', () => {
    expect(joinReason('use\na queue', 'fewer\tlocks\n')).toBe('use a queue — fewer locks');
  });

  it('splits at the last separator', () => {
    expect(splitReason('a — b — c')).toEqual({ text: 'a — b', reason: 'c' });
  });

  it('does not split at a plain hyphen', () => {
    expect(splitReason('re-use the pool - later')).toEqual({ text: 're-use the pool - later', reason: null });
  });
});
