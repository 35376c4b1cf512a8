import { describe, expect, it } from 'vitest';
import { amendReplaces, entryKey } from '../../../src/core/journal/amended.js';

const entry = (time: string, id?: string, status = 'x') =>
  `### 2026-01-07 ${time} +00:00 · commit · main · A <a@x>\n- Status: ${status}\n${id ? `- Entry: ${id}\n` : ''}\n`;
const checkpoint = '### 2026-01-07 10:30 +00:00 · checkpoint · main · A <a@x>\n- Status: mid\n\n';

describe('entryKey', () => {
  it('is the id when there is one, else the text, whatever the line endings', () => {
    expect(entryKey(entry('10:00', 'abc123'))).toBe('abc123');
    expect(entryKey(entry('10:00').replace(/\n/g, '\r\n'))).toBe(entryKey(entry('10:00')));
  });
});

describe('amendReplaces', () => {
  const a = entry('10:00', 'a1');
  const b = entry('11:00', 'b1');
  const c = entry('11:05', 'c1');
  const attempt = entry('11:05', 'n1');

  it.each([
    ['one commit: the entry it added', a + b, [a], true, { [a]: false, [b]: true }],
    ['squashed commits: every entry they added', a + b + c, [a], true, { [a]: false, [b]: true, [c]: true }],
    ['a merge: nothing its parents hold', a + b + c, [a + c, a + b], true, { [a]: false, [b]: false, [c]: false }],
    ['a merge amended before: the earlier amend\'s entry', a + b + c + attempt, [a + c, a + b], true, { [attempt]: true, [c]: false }],
    ['an earlier attempt no commit holds', a + b, [a], true, { [attempt]: true }],
    ['entries brought by a squash merge stay', a + b, [a], false, { [attempt]: false, [b]: true }],
    ['an entry without id, by its text', entry('10:00') + entry('11:00'), [entry('10:00')], true, { [entry('10:00')]: false, [entry('11:00')]: true }],
    ['a root commit: all of its entries', a, [], true, { [a]: true }],
  ])('%s', (_case, head, parents, unheld, expected) => {
    const replaces = amendReplaces(head, parents, unheld);
    for (const [text, want] of Object.entries(expected)) expect(replaces(text), text).toBe(want);
  });

  it('reads only commit entries of the amended file', () => {
    expect(amendReplaces(a + checkpoint, [a], false)(checkpoint)).toBe(false);
  });
});
