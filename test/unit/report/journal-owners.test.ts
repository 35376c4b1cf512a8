import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/core/journal/entry.js';
import { journalMoves, journalOwners, movedJournal, ownAtCutOff, ownedJournal } from '../../../src/core/report/journal-owners.js';

const entry = (id: string | undefined, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  time: '2026-01-05 10:00 +00:00',
  kind: 'commit',
  branch: 'main',
  author: 'A <a@example.com>',
  decisions: [],
  deadEnds: [],
  files: [],
  ...(id ? { id } : {}),
  ...extra,
});

const C = 'c'.repeat(40);
const R = 'ab12cd34ef56' + '0'.repeat(28);
const N = 'e'.repeat(40);

describe('journalOwners', () => {
  // Newest first, as git walks: N put back C's entry and wrote the entry of the revert R.
  const walked = new Map<string, JournalEntry[]>([
    [N, [entry('111111111111', { decisions: ['Alpha'] }), entry('ab12cd34ef56', { reverts: 'cccccccccccc Alpha' }), entry('222222222222')]],
    [C, [entry('111111111111', { decisions: ['Alpha'] })]],
  ]);

  it('keeps an entry put back with the commit that first added it, and moves a revert entry to its revert', () => {
    const of = journalOwners(walked);
    expect(of(C)!.map((e) => e.id)).toEqual(['111111111111']);
    expect(of(N)!.map((e) => e.id)).toEqual(['222222222222']);
    expect(of(R)!.map((e) => e.reverts)).toEqual(['cccccccccccc Alpha']);
    expect(of('f'.repeat(40))).toBeUndefined();
  });

  it('leaves a revert entry with its own commit, and tells entries without an id apart by their content', () => {
    const own = new Map([[R, [entry('ab12cd34ef56', { reverts: 'x y' })]]]);
    expect(journalOwners(own)(R)).toHaveLength(1);
    const old = new Map([
      [N, [entry(undefined, { status: 'same' }), entry(undefined, { status: 'other' })]],
      [C, [entry(undefined, { status: 'same' })]],
    ]);
    expect(journalOwners(old)(N)!.map((e) => e.status)).toEqual(['other']);
    expect(journalOwners(old)(C)!.map((e) => e.status)).toEqual(['same']);
  });

  it('leaves with the revert the entry the merge driver wrote, under an id no commit has', () => {
    const driven = new Map([
      [R, [entry('5a5a5a5a5a5a', { reverts: 'cccccccccccc Alpha' })]],
      [C, [entry('111111111111', { decisions: ['Alpha'] })]],
    ]);
    expect(journalOwners(driven)(R)!.map((e) => e.reverts)).toEqual(['cccccccccccc Alpha']);
  });

  it('gives the entries of listed commits only, by commit', () => {
    const owned = ownedJournal(walked, [{ hash: N }, { hash: R }]);
    expect([...owned.keys()]).toEqual([N, R]);
  });

  it('keeps only what moves, and gives a few commits from their own diffs the entries the whole history gives them', () => {
    const moves = journalMoves(walked);
    expect(moves.instead.map(([hash]) => hash)).toEqual([N]);
    expect(moves.reverts.map(([prefix]) => prefix)).toEqual(['ab12cd34ef56']);
    const plain = new Map([[C, walked.get(C)!]]);
    expect(journalMoves(plain)).toEqual({ instead: [], reverts: [] });
    const others = ['f'.repeat(40)];
    for (const listed of [[N], [R], [C], [N, R, C, ...others], others]) {
      const commits = listed.map((hash) => ({ hash }));
      const own = new Map([...walked].filter(([hash]) => listed.includes(hash)));
      expect(movedJournal(moves, own, commits)).toEqual(ownedJournal(walked, commits));
    }
  });
});

describe('ownAtCutOff', () => {
  const older = entry('111111111111', { time: '2026-01-05 09:58 +01:00' });
  const own = entry('222222222222', { time: '2026-01-05 10:00 +01:00' });
  const otherZone = entry('333333333333', { time: '2026-01-05 09:00 +00:00' });

  it.each([
    ['2026-01-05T10:00:41+01:00', ['222222222222']],
    ['2026-01-05T10:00:00.5+01:00', ['222222222222']],
    ['2026-01-05T09:00:00Z', ['333333333333']],
    ['2026-01-05T11:00:00+01:00', []],
    ['not a date', []],
  ])('a cut-off commit dated %s keeps the entries dated with its author date', (date, ids) => {
    expect(ownAtCutOff({ date }, [older, own, otherZone]).map((e) => e.id)).toEqual(ids);
  });

  it('ownedJournal applies it to the commits in the cut only', () => {
    const walked = new Map<string, JournalEntry[]>([[C, [older, own]]]);
    expect(ownedJournal(walked, [{ hash: C, date: '2026-01-05T10:00:41+01:00' }], new Set([C])).get(C)!.map((e) => e.id)).toEqual(['222222222222']);
    expect(ownedJournal(walked, [{ hash: C, date: '2026-01-05T10:00:41+01:00' }]).get(C)).toHaveLength(2);
  });
});
