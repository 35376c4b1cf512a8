import { describe, expect, it } from 'vitest';
import { buildEditIndex, decisionsForPath, noLongerInForce, takenOutSinceHead } from '../../../src/core/history/edit-index.js';
import { pathHistories } from '../../../src/core/history/paths.js';
import { addRecorders, noRecorders } from '../../../src/core/history/recorders.js';
import type { TrackedItem } from '../../../src/core/history/status.js';

function item(text: string, commit: string, status: TrackedItem['status'] = 'active', reason: string | null = 'because'): TrackedItem {
  return { kind: 'decision', text, reason, commit, short: commit.slice(0, 4), status, changedBy: null, changedByShort: null, closedBy: null };
}

const commits = [
  { hash: 'c1', short: 'c1', files: [{ path: 'a.ts', status: 'A' }] },
  { hash: 'c2', short: 'c2', files: [{ path: 'b.ts', oldPath: 'a.ts', status: 'R' }] },
  { hash: 'c3', short: 'c3', files: [{ path: 'b.ts', status: 'M' }, { path: 'c.ts', status: 'A' }, { path: 'SESSION.md', status: 'M' }] },
  { hash: 'c4', short: 'c4', files: [{ path: 'b.ts', status: 'M' }] },
];

describe('pathHistories', () => {
  it('follows a file across a rename and leaves ignored paths out', () => {
    const h = pathHistories(commits, (p) => p === 'SESSION.md');
    expect(h.get('b.ts')?.sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(h.has('a.ts')).toBe(false);
    expect(h.has('SESSION.md')).toBe(false);
  });
});

describe('addRecorders', () => {
  const ignore = (p: string) => p === 'SESSION.md';
  const more = [
    ...commits,
    { hash: 'c5', short: 'c5', files: [{ path: 'd.ts', oldPath: 'c.ts', status: 'C' }, { path: 'e.ts', oldPath: 'b.ts', status: 'R' }] },
    { hash: 'c6', short: 'c6', files: [{ path: 'e.ts', status: 'M' }, { path: 'SESSION.md', status: 'M' }] },
  ];

  it('keeps what pathHistories gives for the commits that recorded items', () => {
    const recorded = new Set(['c1', 'c3', 'c6']);
    const { commits: kept, paths } = addRecorders(noRecorders(), more, ignore, recorded);
    expect(kept).toEqual([['c1', 'c1', 1], ['c3', 'c3', 2], ['c6', 'c6', 1]]);
    const expected = [...pathHistories(more, ignore)].map(([path, hashes]) => [path, hashes.filter((h) => recorded.has(h)).sort()] as const).filter(([, hashes]) => hashes.length > 0);
    expect(paths.map(([path, hashes]) => [path, [...hashes].sort()])).toEqual(expected.sort(([a], [b]) => a.localeCompare(b)));
  });

  it('extended commit by commit, is what the whole history gives at once, also when a recorder is dropped', () => {
    const recorded = new Set(['c1', 'c3', 'c5', 'c6']);
    const whole = addRecorders(noRecorders(), more, ignore, recorded);
    for (let k = 0; k <= more.length; k++) {
      // Before the split, c2 still recorded something (an item a later commit recorded again).
      const first = addRecorders(noRecorders(), more.slice(0, k), ignore, new Set([...recorded, 'c2']));
      expect(addRecorders(first, more.slice(k), ignore, recorded)).toEqual(whole);
    }
  });
});

describe('decisionsForPath', () => {
  const index = buildEditIndex('head', 'stamp', [item('Old choice', 'c1'), item('Wide choice', 'c3'), item('Gone', 'c4', 'reverted'), item('New choice', 'c4')], commits, (p) => p === 'SESSION.md');

  it('serves active items of the file across renames, newest first, never a retired one', () => {
    const found = decisionsForPath(index, 'b.ts', 800)!;
    const lines = found.text.split('\n').slice(1);
    expect(lines).toEqual(['- Decision: New choice — because (c4)', '- Decision: Wide choice — because (c3)', '- Decision: Old choice — because (c1)']);
    expect(found.text).not.toContain('Gone');
    expect(decisionsForPath(index, 'c.ts', 800)!.text).toContain('Wide choice');
    expect(decisionsForPath(index, 'nothing.ts', 800)).toBeUndefined();
  });

  it('puts the blamed commits first and stays within the budget, dropping reasons before items', () => {
    expect(decisionsForPath(index, 'b.ts', 800, new Set(['c1']))!.text.split('\n')[1]).toContain('Old choice');
    const many = buildEditIndex('h', 's', Array.from({ length: 60 }, (_, i) => item(`Choice number ${i}`, 'c4', 'active', 'x'.repeat(80))), commits, () => false);
    const found = decisionsForPath(many, 'b.ts', 200)!;
    expect(found.text.length).toBeLessThanOrEqual(800);
    expect(found.served).toBeGreaterThan(5);
    expect(found.total).toBe(60);
  });
});

describe('takenOutSinceHead', () => {
  it('leaves out what HEAD\'s session file held and the work tree\'s no longer does, and nothing only commits carry', () => {
    const d = (text: string) => ({ kind: 'decision' as const, text, reason: null });
    const index = buildEditIndex('head', 'stamp', [item('Old choice', 'c1'), item('Wide choice', 'c3'), item('New choice', 'c4')], commits, (p) => p === 'SESSION.md', [
      d('old  CHOICE'),
      d('New choice'),
      d('Not in force any more'),
    ]);
    expect(index.inFile).toEqual(['decision\u0000old choice', 'decision\u0000new choice']);
    // A file with nothing left in it is a session closed, not a withdrawal.
    expect(takenOutSinceHead(index, []).size).toBe(0);
    const gone = takenOutSinceHead(index, [d('New choice (supersedes: something)'), d('Later')]);
    expect([...gone]).toEqual(['decision\u0000old choice']);
    const text = decisionsForPath(index, 'b.ts', 800, undefined, undefined, gone)!.text;
    expect(text).not.toContain('Old choice');
    expect(text).toContain('Wide choice');
    expect(text).toContain('New choice');
  });
});

describe('noLongerInForce', () => {
  it('names what a session was told that is no longer in force, not what a rebase gave another commit id', () => {
    const index = buildEditIndex('head', 'stamp', [item('Keep: colons', 'c1'), item('Wide choice', 'c3')], commits, (p) => p === 'SESSION.md');
    const told = ['decision:Keep: colons:old1', 'decision:Dropped: since:c4', 'deadEnd:Polling:c1'].join('\n');
    expect(noLongerInForce(index, told)).toEqual(['- Decision: Dropped: since (c4)', '- Dead end: Polling (c1)']);
    expect(noLongerInForce(index, told, new Set(['decision\u0000keep: colons']))).toEqual([
      '- Decision: Keep: colons (old1)',
      '- Decision: Dropped: since (c4)',
      '- Dead end: Polling (c1)',
    ]);
    expect(noLongerInForce(index, decisionsForPath(index, 'b.ts', 800)!.fingerprint)).toEqual([]);
  });
});
