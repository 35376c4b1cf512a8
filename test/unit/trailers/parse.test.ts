import { describe, expect, it } from 'vitest';
import { findTrailerBlock, parseTrailers } from '../../../src/core/trailers/index.js';

// The full comparison with git lives in test/integration/trailer-parity.test.ts; these
// pin the rules that matter most to readers of the port.
describe('parseTrailers', () => {
  it('reads the last paragraph, never the subject', () => {
    expect(parseTrailers('Key: subject\n')).toEqual([]);
    expect(parseTrailers('Fix\n\nBody.\n\nKey: v\nOther: w\n')).toEqual([
      { key: 'Key', value: 'v' },
      { key: 'Other', value: 'w' },
    ]);
  });

  it('unfolds continuation lines', () => {
    expect(parseTrailers('Fix\n\nKey: a\n  b\n\tc\n')).toEqual([{ key: 'Key', value: 'a b c' }]);
  });

  it('lets one prose line spoil a block unless a sign-off makes it 25% trailers', () => {
    expect(parseTrailers('Fix\n\nprose\nKey: v\n')).toEqual([]);
    expect(parseTrailers('Fix\n\nprose\nKey: v\nSigned-off-by: A <a@x>\n')).toEqual([
      { key: 'Key', value: 'v' },
      { key: 'Signed-off-by', value: 'A <a@x>' },
    ]);
    expect(parseTrailers('Fix\n\np\np\np\np\nSigned-off-by: A <a@x>\n')).toEqual([]);
  });

  it('stops at a --- divider unless told not to', () => {
    const message = 'Fix\n\nbody\n---\n\nKey: v\n';
    expect(parseTrailers(message)).toEqual([]);
    expect(parseTrailers(message, { noDivider: true })).toEqual([{ key: 'Key', value: 'v' }]);
  });

  it('ignores comments and everything after the scissors line', () => {
    const message = 'Fix\n\nKey: v\n# note\n\n# ------------------------ >8 ------------------------\nLate: x\n';
    expect(parseTrailers(message)).toEqual([{ key: 'Key', value: 'v' }]);
  });

  it('reads a bare URL as key https and a prose "Note:" line as a trailer', () => {
    expect(parseTrailers('Fix\n\nNote: see above\nhttps://example.com\n')).toEqual([
      { key: 'Note', value: 'see above' },
      { key: 'https', value: '//example.com' },
    ]);
  });

  it('does not read non-ASCII, underscore or spaced keys', () => {
    expect(parseTrailers('Fix\n\nDécision: x\n')).toEqual([]);
    expect(parseTrailers('Fix\n\nSome_Key: x\n')).toEqual([]);
    expect(parseTrailers('Fix\n\nReviewed by: x\n')).toEqual([]);
  });

  it('terminates on a scissors line after a divider (git 2.39 loops forever there)', () => {
    const message = 'Fix\n\nKey: v\n---\n# ------------------------ >8 ------------------------\n';
    expect(parseTrailers(message)).toEqual([{ key: 'Key', value: 'v' }]);
  });

  it('reports where the block is', () => {
    const message = 'Fix\n\nKey: v\n\n# c\n';
    const block = findTrailerBlock(message);
    expect(message.slice(block.start, block.end)).toBe('Key: v\n');
    expect(block.blankLineBefore).toBe(true);
  });
});
