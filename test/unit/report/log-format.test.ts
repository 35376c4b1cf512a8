import { describe, expect, it } from 'vitest';
import { commitFormat, gitFilters, parseCommitRecords, trailerKeys } from '../../../src/core/report/log-format.js';

const keys = trailerKeys({ decision: 'Decision', deadEnd: 'Dead-End' }, ['Dead-End', 'Ruled-out', 'Rejected']);

function header(fields: string[]): string {
  return `\x02${fields.join('\x1f')}\0`;
}

describe('trailerKeys', () => {
  it('keeps the configured dead-end key first and drops aliases that repeat it in another case', () => {
    expect(trailerKeys({ decision: 'Why', deadEnd: 'dead-end' }, ['Dead-End', 'Ruled-out'])).toEqual({
      decision: 'Why',
      deadEnds: ['dead-end', 'Ruled-out'],
    });
  });
});

describe('commitFormat', () => {
  it('reads every key in one unfolded trailer placeholder', () => {
    expect(commitFormat(keys)).toContain('%(trailers:key=Decision,key=Dead-End,key=Ruled-out,key=Rejected,unfold,separator=%x1e)');
  });
});

describe('parseCommitRecords', () => {
  it('reads headers, sorts trailers by key case-insensitively, and keeps values with colons and dashes', () => {
    const out =
      header(['a'.repeat(40), 'aaaaaaa', 'p1 p2', 'Ada', 'ada@x', '2026-11-02T10:00:00+01:00', 'Merge it',
        'decision: use A: the fast one — it is fast\x1eRuled-out: B — too slow\x1erejected: C']) +
      header(['b'.repeat(40), 'bbbbbbb', '', 'Bo', 'bo@x', '2026-11-01T09:00:00+00:00', 'root', '']);
    const [merge, root] = parseCommitRecords(out, keys);
    expect(merge).toMatchObject({
      hash: 'a'.repeat(40),
      short: 'aaaaaaa',
      parents: ['p1', 'p2'],
      authorName: 'Ada',
      subject: 'Merge it',
      decisions: ['use A: the fast one — it is fast'],
      deadEnds: ['B — too slow', 'C'],
      files: [],
    });
    expect(root).toMatchObject({ parents: [], decisions: [], deadEnds: [] });
  });

  it('reads -z numstat lines, binary files and renames with odd paths', () => {
    const out =
      header(['c'.repeat(40), 'ccccccc', 'p', 'Ada', 'ada@x', '2026-11-02T10:00:00+00:00', 's', '']) +
      '\n3\t1\tsrc/a b.ts\0-\t-\timg.png\0' +
      '0\t0\t\0old\tname.txt\0new\nname.txt\0' +
      header(['d'.repeat(40), 'ddddddd', 'c', 'Ada', 'ada@x', '2026-11-01T10:00:00+00:00', 't', '']) +
      '\n1\t0\tx.txt\0';
    const [c, d] = parseCommitRecords(out, keys);
    expect(c!.files).toEqual([
      { path: 'src/a b.ts', added: 3, removed: 1 },
      { path: 'img.png', added: null, removed: null },
      { path: 'new\nname.txt', oldPath: 'old\tname.txt', added: 0, removed: 0 },
    ]);
    expect(d!.files).toEqual([{ path: 'x.txt', added: 1, removed: 0 }]);
  });

  it('returns nothing for empty output', () => {
    expect(parseCommitRecords('', keys)).toEqual([]);
  });
});

describe('gitFilters', () => {
  it('passes dates and patterns to git exactly as given', () => {
    expect(gitFilters({ since: 'last thursday', until: '2026-11-01', author: 'ada', grep: 'x y' })).toEqual([
      '--since=last thursday',
      '--until=2026-11-01',
      '--author=ada',
      '--grep=x y',
    ]);
    expect(gitFilters({})).toEqual([]);
  });
});
