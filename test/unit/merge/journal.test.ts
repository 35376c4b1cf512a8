import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editedOnBothSidesNote, entryIdentity, mergeJournal as mergeJournalReport, splitJournal } from '../../../src/core/merge/journal.js';
import { parseEntries, renderEntry, type JournalEntry } from '../../../src/core/journal/entry.js';

function entry(over: Partial<JournalEntry>): string {
  return renderEntry({ time: '2026-12-01 10:00 +00:00', kind: 'commit', branch: 'main', author: 'Ada <ada@example.com>', decisions: [], deadEnds: [], files: [], ...over });
}

const a = entry({ id: 'aaaaaaaaaaaa', decisions: ['Use cents'], status: 'wip' });
const b = entry({ id: 'bbbbbbbbbbbb', decisions: ['Use ints'], status: 'wip' });
const c = entry({ id: 'cccccccccccc', time: '2026-12-01 09:00 +00:00', status: 'wip' });
const old = entry({ decisions: ['No id here'] });

/** The merged text alone. */
const mergeJournal = (base: string, ours: string, theirs: string) => mergeJournalReport(base, ours, theirs).text;

/** A journal file of these entries, as the writers leave it: a blank line between two entries, none after the last. */
const J = (...entries: string[]) => entries.join('\n');

function trimmed(text: string): string[] {
  return splitJournal(text).entries.map((e) => e.trimEnd());
}

describe('entry identity', () => {
  it('renders the id as the last line and parses it back; no id renders as before', () => {
    expect(a.trimEnd().split('\n').pop()).toBe('- Entry: aaaaaaaaaaaa');
    expect(parseEntries(a)[0]!.id).toBe('aaaaaaaaaaaa');
    expect(entry({})).toBe('### 2026-12-01 10:00 +00:00 · commit · main · Ada <ada@example.com>\n');
    expect(parseEntries(old)[0]!.id).toBeUndefined();
  });

  it('renders and parses what a revert undid', () => {
    const r = entry({ reverts: 'abc1234 Use cents', id: 'dddddddddddd' });
    expect(parseEntries(r)[0]).toMatchObject({ reverts: 'abc1234 Use cents', id: 'dddddddddddd' });
  });
});

describe('mergeJournal', () => {
  it('keeps two same-minute entries by one author apart, each whole, with a blank line between', () => {
    const merged = mergeJournal('', a, b);
    expect(merged).toBe(J(a, b));
    expect(parseEntries(merged).map((e) => e.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb']);
  });

  it('never deletes an entry that theirs dropped (a revert)', () => {
    expect(mergeJournal(J(a, old), J(a, old, b), a)).toBe(J(a, old, b));
  });

  it('places theirs by heading time, after ours and in theirs\' order within the same minute', () => {
    expect(mergeJournal('', b, J(c, a))).toBe(J(c, b, a));
    const a2 = entry({ id: '0a0a0a0a0a0a', status: 'second' });
    // Ids are random: the order of one minute's entries must not follow them.
    expect(mergeJournal('', b, J(a, a2))).toBe(J(b, a, a2));
    expect(mergeJournal('', b, J(a2, a))).toBe(J(b, a2, a));
  });

  it('a picked commit brings its own entry, never one of a commit before it that was left out', () => {
    const one = entry({ id: '111111111111', time: '2026-12-01 09:01 +00:00' });
    const two = entry({ id: '222222222222', time: '2026-12-01 09:02 +00:00' });
    const three = entry({ id: '333333333333', time: '2026-12-01 09:03 +00:00' });
    // rebase -i dropping commit two: commit three is picked onto one.
    expect(mergeJournal(J(one, two), one, J(one, two, three))).toBe(J(one, three));
    // Reordered: three picked first, then two.
    expect(mergeJournal(J(one, two), one, J(one, two, three))).not.toContain('222222222222');
    expect(mergeJournal(one, J(one, three), J(one, two))).toBe(J(one, two, three));
  });

  it('separates entries that lacked a final blank line', () => {
    const merged = mergeJournal('', a.trimEnd(), b.trimEnd());
    expect(trimmed(merged)).toEqual([a.trimEnd(), b.trimEnd()]);
    expect(merged).toContain('aaaaaaaaaaaa\n\n###');
  });

  it('keeps CRLF journals in CRLF', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    expect(mergeJournal('', crlf(a), crlf(b))).toBe(crlf(J(a, b)));
  });

  it('ends with one newline when theirs lands last, and keeps an older journal\'s own ending', () => {
    // git diff --check flags a file that ends with a blank line.
    expect(mergeJournal('', a, J(b, c))).toBe(J(c, a, b));
    expect(mergeJournal('', a, J(b, c)).endsWith('bbbbbbbbbbbb\n')).toBe(true);
    // Entries earlier versions wrote end with a blank line: ours' last keeps it, theirs' does not.
    expect(mergeJournal('', J(c, b) + '\n', a + '\n')).toBe(J(c, b, a));
    expect(mergeJournal('', J(c, a) + '\n', b)).toBe(J(c, a, b));
  });

  it('takes an entry one side edited and the other did not, as a line merge would', () => {
    const secret = entry({ id: 'dddddddddddd', status: 'token ghp_x in the log' });
    const mended = entry({ id: 'dddddddddddd', status: 'token removed' });
    // Theirs took the text out by hand while ours journaled on: the edit is not undone.
    expect(mergeJournalReport(J(c, secret), J(c, secret, a), J(c, mended, b))).toEqual({ text: J(c, mended, a, b), editedOnBothSides: [] });
    // Ours edited it: ours' text stays, whether or not theirs added anything.
    expect(mergeJournal(J(c, secret), J(c, mended, a), J(c, secret, b))).toBe(J(c, mended, a, b));
    expect(mergeJournal(J(c, secret), J(c, mended), J(c, secret))).toBe(J(c, mended));
    // The same edit on both sides is no conflict.
    expect(mergeJournalReport(J(c, secret), J(c, mended), J(c, mended, b))).toEqual({ text: J(c, mended, b), editedOnBothSides: [] });
    // In ours' line endings, ending as ours' copy did.
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    expect(mergeJournal(crlf(J(secret, c)), crlf(J(secret, c)), J(mended, c))).toBe(crlf(J(mended, c)));
  });

  it('takes no edit by an id that repeats in a version: it does not say which copy is which', () => {
    const copy = entry({ id: '333333333333', time: '2026-12-01 10:01 +00:00', decisions: ['same'] });
    const twice = J(entry({ id: '333333333333', decisions: ['Use cents'] }), copy);
    expect(mergeJournal(copy, twice, twice)).toBe(twice);
    expect(mergeJournalReport(twice, twice, J(c, twice)).editedOnBothSides).toEqual([]);
  });

  it('keeps ours\' text of an entry both sides edited apart, and names it', () => {
    const was = entry({ id: 'dddddddddddd', status: 'one' });
    const ours = entry({ id: 'dddddddddddd', status: 'ours' });
    const theirs = entry({ id: 'dddddddddddd', status: 'theirs' });
    expect(mergeJournalReport(J(c, was), J(c, ours), J(c, theirs, b))).toEqual({ text: J(c, ours, b), editedOnBothSides: ['dddddddddddd'] });
  });

  it('names the entries both sides edited apart in one line, showing only plain ids', () => {
    expect(editedOnBothSidesNote(['dddddddddddd'], 'j.md')).toBe(
      "git-session: both sides edited journal entry dddddddddddd in j.md, each its own way: HEAD's text is kept (in a rebase, HEAD is the branch rebased onto). If the other edit matters, make it again in j.md.\n",
    );
    const note = editedOnBothSidesNote(['aaaaaaaaaaaa', 'x\u001b[31my', 'bbbbbbbbbbbb'], 'j.md');
    expect(note).toContain('journal entries aaaaaaaaaaaa, (an id not shown) and bbbbbbbbbbbb in j.md');
    expect(note).not.toContain('\u001b');
  });

  it('keeps ours text before the first entry', () => {
    expect(mergeJournal('# Week\n\n', '# Week 49\n\n' + a, '# Week\n\n' + b)).toBe('# Week 49\n\n' + J(a, b));
  });

  const ids = fc.constantFrom('111111111111', '222222222222', '333333333333', '444444444444', '555555555555', undefined);
  const oneEntry = fc
    .record({
      id: ids,
      minute: fc.integer({ min: 0, max: 3 }),
      decision: fc.constantFrom('Use cents', 'Use ints', 'same', 'Files'),
      eol: fc.constantFrom('\n\n', '\n', ''),
    })
    .map(({ id, minute, decision, eol }) => entry({ time: `2026-12-01 10:0${minute} +00:00`, decisions: [decision], ...(id ? { id } : {}) }).trimEnd() + eol);
  // Hand-edited journals may lack blank lines between entries; the commit path's never do.
  const sloppy = fc.array(oneEntry, { maxLength: 5 }).map((es) => es.map((e) => (e.endsWith('\n') ? e : e + '\n')).join(''));
  const journal = fc.array(oneEntry, { maxLength: 5 }).map((es) => es.map((e) => e.trimEnd() + '\n\n').join(''));

  // What a merge must hold: all of ours, and what theirs added since the base.
  const expected = (base: string, ours: string, theirs: string) => {
    const before = new Set(splitJournal(base).entries.map(entryIdentity));
    return [...splitJournal(ours).entries, ...splitJournal(theirs).entries.filter((e) => !before.has(entryIdentity(e)))];
  };

  it('loses no entry of ours nor any theirs added, even from hand-edited journals', () => {
    fc.assert(
      fc.property(sloppy, sloppy, sloppy, (base, ours, theirs) => {
        const merged = mergeJournal(base, ours, theirs);
        const have = new Set(splitJournal(merged).entries.map(entryIdentity));
        for (const e of expected(base, ours, theirs)) expect(have.has(entryIdentity(e))).toBe(true);
        expect(mergeJournal(base, merged, theirs)).toBe(merged);
      }),
    );
  });

  it('loses no entry of ours nor any theirs added, brings in no other, glues none, and is idempotent', () => {
    fc.assert(
      fc.property(journal, journal, journal, (base, ours, theirs) => {
        const merged = mergeJournal(base, ours, theirs);
        const have = new Set(splitJournal(merged).entries.map(entryIdentity));
        const want = new Set(expected(base, ours, theirs).map(entryIdentity));
        for (const id of want) expect(have.has(id)).toBe(true);
        for (const id of have) expect(want.has(id)).toBe(true);
        // Every line of every entry is there, and no entry is glued to the next.
        for (const e of splitJournal(merged).entries.slice(0, -1)) expect(e.endsWith('\n\n')).toBe(true);
        expect(mergeJournal(base, merged, theirs)).toBe(merged);
      }),
    );
  });

  it('merge(o, a, a) is a', () => {
    fc.assert(fc.property(journal, journal, (base, same) => {
      expect(mergeJournal(base, same, same)).toBe(same);
    }));
  });
});
