import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEntries, renderEntry, type JournalEntry } from '../../../src/core/journal/entry.js';

const entry = (branch: string, author: string): JournalEntry => ({
  time: '2026-12-03 08:26 +00:00',
  kind: 'commit',
  branch,
  author,
  decisions: [],
  deadEnds: [],
  files: [],
});

describe('journal entry headings', () => {
  it('read back an author whose name holds " · "', () => {
    const [read] = parseEntries(renderEntry(entry('main', 'Ada · Lovelace')));
    expect(read).toMatchObject({ branch: 'main', author: 'Ada · Lovelace' });
  });

  it('read back any branch git allows and any one-line author', () => {
    const branch = fc.stringMatching(/^[A-Za-z0-9._/-]{1,20}$/);
    const author = fc.string({ minLength: 1 }).map((a) => a.replace(/\s+/g, ' ').trim()).filter((a) => a !== '');
    fc.assert(
      fc.property(branch, author, (b, a) => {
        const [read] = parseEntries(renderEntry(entry(b, a)));
        expect(read).toMatchObject({ branch: b, author: a });
      }),
    );
  });
});
