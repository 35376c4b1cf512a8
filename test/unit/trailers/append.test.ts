import { describe, expect, it } from 'vitest';
import { appendTrailers } from '../../../src/core/trailers/index.js';

const D = { key: 'Decision', value: 'use a queue — fewer locks' };

describe('appendTrailers', () => {
  it('starts a block after a blank line', () => {
    expect(appendTrailers('Fix\n\nBody.\n', [D])).toBe('Fix\n\nBody.\n\nDecision: use a queue — fewer locks\n');
  });

  it('joins an existing block and keeps the sign-off in it', () => {
    expect(appendTrailers('Fix\n\nSigned-off-by: A <a@x>\n', [D])).toBe(
      'Fix\n\nSigned-off-by: A <a@x>\nDecision: use a queue — fewer locks\n',
    );
  });

  it('adds a final newline first', () => {
    expect(appendTrailers('Fix', [D])).toBe('Fix\n\nDecision: use a queue — fewer locks\n');
  });

  it('keeps a trailing comment block and the scissors part last', () => {
    const tail = '\n# Please enter the message.\n# ------------------------ >8 ------------------------\ndiff\n';
    expect(appendTrailers(`Fix\n${tail}`, [D])).toBe(`Fix\n\nDecision: use a queue — fewer locks\n${tail}`);
  });

  it('never duplicates a trailer with the same key and value', () => {
    const once = appendTrailers('Fix\n', [D]);
    expect(appendTrailers(once, [D])).toBe(once);
    expect(appendTrailers('Fix\n', [D, { key: 'decision', value: 'USE A QUEUE — FEWER LOCKS' }])).toBe(once);
    expect(appendTrailers(once, [{ key: 'Decision', value: 'other' }])).toBe(`${once}Decision: other\n`);
  });

  it('folds long values', () => {
    const out = appendTrailers('Fix\n', [{ key: 'Decision', value: 'word '.repeat(30) }]);
    expect(out.split('\n').length).toBeGreaterThan(4);
  });

  it('refuses a key that the comment character would hide', () => {
    expect(() => appendTrailers('Fix\n', [D], { commentChar: 'D' })).toThrow(/comment character/);
  });
});
