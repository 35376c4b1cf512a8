import { describe, expect, it } from 'vitest';
import { withoutParagraphsOf, withoutTrailerLines } from '../../../src/core/trailers/remove.js';

const ours = ['Decision: Cache — hot', 'Dead-End: Regex — quotes broke it'];

describe('withoutTrailerLines', () => {
  it.each([
    ['only the listed go, a typed one stays', 'Fix\n\nDecision: Cache — hot\nDecision: Typed — mine\n', 'Fix\n\nDecision: Typed — mine\n'],
    ['folded lines compare unfolded', 'Fix\n\nDead-End: Regex —\n quotes broke it\nSigned-off-by: A <a@x.y>\n', 'Fix\n\nSigned-off-by: A <a@x.y>\n'],
    ['an earlier paragraph is not the trailer block', 'Fix\n\nDecision: Cache — hot\n\nBody\n', 'Fix\n\nDecision: Cache — hot\n\nBody\n'],
    ['a message without trailers stays', 'Fix\n', 'Fix\n'],
  ])('%s', (_, message, expected) => {
    expect(withoutTrailerLines(message, ours)).toBe(expected);
  });
});

describe('withoutParagraphsOf', () => {
  it.each([
    ['a squash left them in the body', 'Fix\n\nDecision: Cache — hot\n\nMore\n\nDecision: Typed — mine\n', 'Fix\n\nMore\n\nDecision: Typed — mine\n'],
    ['the last paragraph, wholly ours', 'Fix\n\nDecision: Cache — hot\nDead-End: Regex — quotes broke it\n', 'Fix\n'],
    ['a paragraph of prose stays', 'Fix\n\nDecision: Cache — hot\nsee the notes\n', 'Fix\n\nDecision: Cache — hot\nsee the notes\n'],
    ['a typed trailer stays in its paragraph', 'Fix\n\nDecision: Cache — hot\nDecision: Typed — mine\n\nMore\n', 'Fix\n\nDecision: Typed — mine\n\nMore\n'],
    ['folded ones go whole', 'Fix\n\nDead-End: Regex —\n quotes broke it\nSigned-off-by: A <a@x.y>\n\nMore\n', 'Fix\n\nSigned-off-by: A <a@x.y>\n\nMore\n'],
    ['the first paragraph', 'Decision: Cache — hot\n\nFix\n', 'Fix\n'],
    ['CRLF', 'Fix\r\n\r\nDecision: Cache — hot\r\n\r\nMore\r\n', 'Fix\r\n\r\nMore\r\n'],
    ['nothing of ours', 'Fix\n\nBody\n', 'Fix\n\nBody\n'],
  ])('%s', (_, message, expected) => {
    expect(withoutParagraphsOf(message, ours)).toBe(expected);
  });
});
