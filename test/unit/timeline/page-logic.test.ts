import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../src/core/timeline/build.js';
import { filterItems, searchIndex, type Query } from '../../../src/timeline-page/filter.js';
import { fragmentCommit } from '../../../src/timeline-page/fragment.js';
import { lineDiff } from '../../../src/timeline-page/line-diff.js';
import { DAY, GAP, GROUP, ITEM, layoutRows, rowAt } from '../../../src/timeline-page/rows.js';
import { commit, entry, input } from './fixture.js';

const all: Query = { text: '', author: -1, branch: -1, path: '', decisionsOnly: false };

function sample() {
  const commits = [
    commit(4, { date: '2026-11-05T09:00:00Z', subject: 'Tidy', files: [{ path: 'README.md', added: 1, removed: 0 }] }),
    commit(3, { date: '2026-11-02T15:00:00Z', subject: 'Cache', authorName: 'Bo', authorEmail: 'bo@x', decisions: ['Cache prices — slow API'] }),
    commit(2, { date: '2026-11-02T10:00:00Z', subject: 'Parser', files: [{ path: 'src/parse.ts', added: 9, removed: 2 }] }),
    commit(1, { date: '2026-11-02T07:00:00Z', subject: 'Start', deadEnds: ['Regex scanner — fences'] }),
  ];
  const journal = new Map([[commit(2).hash, [entry({ branch: 'parser' })]]]);
  return buildTimeline(input({ commits, journal }));
}

describe('filterItems', () => {
  const data = sample();
  const index = searchIndex(data);
  const subjects = (q: Partial<Query>) => [...filterItems(data, index, { ...all, ...q })].map((i) => data.items[i]![5]);

  it('narrows by every word of the text, in any case, across subjects, decisions and hashes', () => {
    expect(subjects({})).toHaveLength(4);
    expect(subjects({ text: 'SLOW api' })).toEqual(['Cache']);
    expect(subjects({ text: commit(4).hash })).toEqual(['Tidy']);
    expect(subjects({ text: 'slow nothing' })).toEqual([]);
  });

  it('narrows by author, branch, path and decisions', () => {
    expect(subjects({ author: data.authors.indexOf('Bo <bo@x>') })).toEqual(['Cache']);
    expect(subjects({ branch: data.branches.indexOf('parser') })).toEqual(['Parser', 'Start']);
    expect(subjects({ path: 'SRC/' })).toEqual(['Parser']);
    expect(subjects({ decisionsOnly: true })).toEqual(['Cache', 'Start']);
  });
});

describe('layoutRows', () => {
  it('puts day and group headings above items, gaps where work paused, and offsets that add up', () => {
    const data = sample();
    const rows = layoutRows(data, filterItems(data, searchIndex(data), all));
    const kinds = [...rows.kind].map((k) => ['day', 'group', 'gap', 'item'][k]);
    // 5 Nov, two days without entries, 2 Nov: Bo's group, then the parser group with a 3h gap.
    expect(kinds).toEqual(['day', 'group', 'item', 'gap', 'day', 'group', 'item', 'group', 'item', 'gap', 'item']);
    expect(rows.ref[3]).toBe(2 * 1440);
    expect(rows.ref[9]).toBe(180);
    expect(rows.offsets[rows.count]).toBe(rows.offsets[rows.count - 1]! + 54);
    expect(rowAt(rows, 0)).toBe(0);
    expect(rowAt(rows, rows.offsets[6]! + 1)).toBe(6);
    expect([DAY, GROUP, GAP, ITEM]).toEqual([0, 1, 2, 3]);
    expect(rows.rowOf[rows.ref[6]!]).toBe(6);
  });
});

describe('lineDiff', () => {
  it('marks added lines and places removed ones before the line that follows them', () => {
    const d = lineDiff([1, 2, 3, 4], [1, 3, 5, 4]);
    expect([...d.added]).toEqual([0, 0, 1, 0]);
    expect([...d.removed]).toEqual([[1, [2]]]);
  });

  it('treats a new file as all added and handles a file emptied', () => {
    expect([...lineDiff([], [7, 8]).added]).toEqual([1, 1]);
    expect([...lineDiff([7, 8], []).removed]).toEqual([[0, [7, 8]]]);
  });

  it('still answers on files too big for the exact table', () => {
    const before = Array.from({ length: 3000 }, (_, i) => i);
    const after = Array.from({ length: 3000 }, (_, i) => (i === 1500 ? 99999 : 2999 - i));
    const d = lineDiff(before, after);
    expect(d.added.reduce((a, b) => a + b, 0)).toBe(1);
    expect([...d.removed.values()].flat()).toEqual([1499]);
  });
});

describe('fragmentCommit', () => {
  it.each([
    ['', ''],
    ['#', ''],
    ['#0a1b2c', '0a1b2c'],
    ['#caf%C3%A9', 'café'],
    // Not valid percent-encoding: no selection, not an error.
    ['#%E0%A4%A', ''],
    ['#%', ''],
    ['#%ZZ', ''],
  ])('reads %j as %j', (hash, commit) => {
    expect(fragmentCommit(hash)).toBe(commit);
  });
});
