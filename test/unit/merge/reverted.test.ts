import { describe, expect, it } from 'vitest';
import { parseEntries, renderEntry, type JournalEntry } from '../../../src/core/journal/entry.js';
import { withRevertEntry } from '../../../src/core/merge/journal.js';
import { commitSubject, parseRevertChain, restoreReverted, revertedCommit, REVERT_CHAIN_FORMAT, type RevertedJournal } from '../../../src/core/merge/reverted.js';

function entry(over: Partial<JournalEntry>): string {
  return renderEntry({ time: '2026-12-01 10:00 +00:00', kind: 'commit', branch: 'main', author: 'Ada <ada@example.com>', decisions: [], deadEnds: [], files: [], ...over });
}

const start = entry({ id: '000000000000', status: 'start' });
// Same minute as start: only the order before the revert says where it goes back.
const alpha = entry({ id: 'aaaaaaaaaaaa', decisions: ['Alpha'] });
const beta = entry({ id: 'bbbbbbbbbbbb', time: '2026-12-01 10:05 +00:00', decisions: ['Beta'] });
const PATH = '.session/journal/2026-W49.md';
const REVERT_A = '1'.repeat(40);
const REVERT_B = '2'.repeat(40);
const A = 'a1'.repeat(20);
const B = 'b2'.repeat(20);

/** A journal file of these entries, as the writers leave it: a blank line between two entries, none after the last. */
const J = (...entries: string[]) => entries.join('\n');

/** Each entry's text without its closing blank lines. */
const parseEntriesText = (text: string) => text.split(/(?=^### )/m).map((e) => e.trimEnd());

function revert(over: Partial<RevertedJournal> & Pick<RevertedJournal, 'files'>): RevertedJournal {
  return { revert: REVERT_A, commit: A, subject: 'Alpha', author: 'Bo <bo@example.com>', date: '@1796119800 +0000', ...over };
}

describe('restoreReverted', () => {
  it('puts a dropped entry back where it stood, whole, and adds the revert entry the merge driver writes', () => {
    const r = revert({ files: [{ path: PATH, before: J(start, alpha), after: start }] });
    const out = restoreReverted([r], new Map([[PATH, start]]), 'main');
    const note = { commit: A, subject: 'Alpha', branch: 'main', author: 'Bo <bo@example.com>', date: '@1796119800 +0000', id: REVERT_A.slice(0, 12) };
    expect(out.files.get(PATH)).toBe(withRevertEntry(J(start, alpha), note));
    expect(parseEntries(out.files.get(PATH)!).at(-1)!.reverts).toBe(`${A.slice(0, 12)} Alpha`);
    expect([...out.kept]).toEqual([alpha.trimEnd(), parseEntriesText(out.files.get(PATH)!).at(-1)]);
  });

  it('changes nothing the second time, and never doubles an entry that is already there', () => {
    const r = revert({ files: [{ path: PATH, before: J(start, alpha), after: start }] });
    const once = restoreReverted([r], new Map([[PATH, start]]), 'main').files.get(PATH)!;
    const again = restoreReverted([r], new Map([[PATH, once]]), 'main');
    expect(again.files.size).toBe(0);
    expect(again.kept.size).toBe(2);
    // This commit's entry already written after them (a retried commit): still nothing added.
    const next = entry({ id: 'cccccccccccc', time: '2026-12-01 11:00 +00:00', status: 'next' });
    expect(restoreReverted([r], new Map([[PATH, J(once, next)]]), 'main').files.size).toBe(0);
  });

  it('a file the revert deleted comes back with its opening text', () => {
    const prelude = '# Journal\n\n';
    const r = revert({ files: [{ path: PATH, before: prelude + alpha, after: '' }] });
    const text = restoreReverted([r], new Map(), 'main').files.get(PATH)!;
    expect(text.startsWith(prelude + alpha)).toBe(true);
    expect(parseEntries(text).map((e) => e.id)).toEqual(['aaaaaaaaaaaa', REVERT_A.slice(0, 12)]);
  });

  it('a chain of reverts (a range, newest reverting the oldest commit last): each entry back in place, the revert entries in the order made', () => {
    const rb = revert({ revert: REVERT_B, commit: B, subject: 'Beta', files: [{ path: PATH, before: J(start, alpha, beta), after: J(start, alpha) }] });
    const ra = revert({ revert: REVERT_A, commit: A, subject: 'Alpha', date: '@1796119800 +0000', files: [{ path: PATH, before: J(start, alpha), after: start }] });
    const text = restoreReverted([rb, ra], new Map([[PATH, start]]), 'main').files.get(PATH)!;
    expect(parseEntries(text).map((e) => e.reverts ?? e.id)).toEqual(['000000000000', 'aaaaaaaaaaaa', 'bbbbbbbbbbbb', `${B.slice(0, 12)} Beta`, `${A.slice(0, 12)} Alpha`]);
  });

  it('leaves alone a revert that dropped nothing: the merge driver journaled it, or there was nothing to lose', () => {
    const journaled = revert({ files: [{ path: PATH, before: J(start, alpha), after: J(start, alpha, entry({ id: 'dddddddddddd', reverts: 'x' })) }] });
    const nothing = revert({ files: [] });
    expect(restoreReverted([journaled, nothing], new Map([[PATH, J(start, alpha)]]), 'main')).toEqual({ files: new Map(), kept: new Set() });
  });
});

describe('the revert chain at HEAD', () => {
  it('reads the reverts up to the first commit that reverts nothing, oldest first', () => {
    expect(REVERT_CHAIN_FORMAT.startsWith('\x1e')).toBe(true);
    const rec = (id: string, body: string) => `\x1e${id}\x1fBo <bo@example.com>\x1f1796119800 +0100\x1f${body}\n`;
    const out = rec(REVERT_A, `Revert "Alpha"\n\nThis reverts commit ${A}.\n`) + rec(REVERT_B, `Revert "Beta"\n\nThis reverts commit ${B}, reversing\nchanges made to ${A}.\n`) + rec('3'.repeat(40), 'Plain\n') + rec('4'.repeat(40), `This reverts commit ${A}.\n`);
    expect(parseRevertChain(out)).toEqual([
      { revert: REVERT_B, commit: B, author: 'Bo <bo@example.com>', date: '@1796119800 +0100' },
      { revert: REVERT_A, commit: A, author: 'Bo <bo@example.com>', date: '@1796119800 +0100' },
    ]);
    expect(parseRevertChain(rec('3'.repeat(40), 'Plain\n'))).toEqual([]);
  });

  it('knows a revert by the line git writes, not by its subject', () => {
    expect(revertedCommit(`Revert "x"\n\nThis reverts commit ${A}.`)).toBe(A);
    expect(revertedCommit(`Undo x\n\nThis reverts commit ${A.slice(0, 12)}.`)).toBeUndefined();
    expect(revertedCommit('Revert "x"')).toBeUndefined();
  });

  it('takes a commit object\'s subject as %s shows it', () => {
    expect(commitSubject(`tree ${A}\nauthor a <a> 1 +0000\n\nFirst line\nsecond line\n\nBody\n`)).toBe('First line second line');
    expect(commitSubject(`tree ${A}\n\nOnly\n`)).toBe('Only');
    expect(commitSubject('')).toBe('');
  });
});
