import { describe, expect, it } from 'vitest';
import { parseWalk } from '../../../src/core/history/walk.js';

const keys = { decision: 'Decision', deadEnds: ['Dead-End'] };
const header = (hash: string, body: string, trailers = '') =>
  `\x02${hash}\x1f${hash.slice(0, 7)}\x1f\x1fAda\x1fada@example.com\x1f2026-11-01T09:00:00+00:00\x1fSubject\x1f${trailers}\x1f${body}\0`;

describe('parseWalk', () => {
  it('reads headers, revert targets and raw entries with renames', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const out =
      header(b, `This reverts commit ${a}.\n`, 'Decision: x — y') +
      '\n:100644 100644 1111111 2222222 M\0SESSION.md\0:100644 100644 3333333 3333333 R100\0old name.ts\0new name.ts\0' +
      header(a, 'body\n') +
      '\n:000000 100644 0000000 4444444 A\0SESSION.md\0';
    const commits = parseWalk(out, keys);
    expect(commits.map((c) => [c.record.hash, c.reverts, c.record.decisions])).toEqual([
      [b, a, ['x — y']],
      [a, null, []],
    ]);
    expect(commits[0]!.files).toEqual([
      { path: 'SESSION.md', status: 'M', oldBlob: '1111111', newBlob: '2222222' },
      { path: 'new name.ts', oldPath: 'old name.ts', status: 'R', oldBlob: '3333333', newBlob: '3333333' },
    ]);
    expect(commits[1]!.files[0]).toMatchObject({ status: 'A', oldBlob: '0000000' });
  });

  it('reads a merge\'s combined entries: each parent\'s blob, the first as the old one', () => {
    const m = 'c'.repeat(40);
    const out =
      header(m, 'Merge\n') +
      '\n::100644 100644 100644 1111111 2222222 3333333 MM\0SESSION.md\0' +
      ':::100644 100644 100644 100644 4444444 5555555 0000000 6666666 MMA\0a file.ts\0';
    expect(parseWalk(out, keys)[0]!.files).toEqual([
      { path: 'SESSION.md', status: 'M', oldBlob: '1111111', newBlob: '3333333', parentBlobs: ['1111111', '2222222'] },
      { path: 'a file.ts', status: 'M', oldBlob: '4444444', newBlob: '6666666', parentBlobs: ['4444444', '5555555', '0000000'] },
    ]);
  });
});
