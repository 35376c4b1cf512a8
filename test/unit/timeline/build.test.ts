import { describe, expect, it } from 'vitest';
import { itemKey } from '../../../src/core/history/status.js';
import { buildTimeline, durationMinutes } from '../../../src/core/timeline/build.js';
import { I, NO_SESSION } from '../../../src/core/timeline/data.js';
import { scriptSafeJson } from '../../../src/core/timeline/html.js';
import { commit, entry, input } from './fixture.js';

describe('buildTimeline', () => {
  it('groups rows by the author’s day, then branch and author, newest first', () => {
    const commits = [
      commit(4, { date: '2026-11-03T09:00:00+01:00', authorName: 'Bo', authorEmail: 'bo@example.com' }),
      commit(3, { date: '2026-11-02T23:30:00-05:00' }),
      commit(2, { date: '2026-11-02T11:00:00+01:00' }),
      commit(1, { date: '2026-11-02T10:00:00+01:00' }),
    ];
    const data = buildTimeline(input({ commits }));
    expect(data.groups.map((g) => [g[0], data.authors[g[2]]])).toEqual([
      ['2026-11-03', 'Bo <bo@example.com>'],
      ['2026-11-02', 'Ada <ada@example.com>'],
    ]);
    // 23:30 at -05:00 is the next morning in UTC, yet the author's day is the 2nd.
    expect(data.items.map((i) => i[I.subject])).toEqual(['commit 4', 'commit 3', 'commit 2', 'commit 1']);
    expect(data.items.map((i) => i[I.clock])).toEqual(['09:00', '23:30', '11:00', '10:00']);
    expect(data.items[1]![I.time]).toBe(Date.parse('2026-11-02T23:30:00-05:00') / 1000);
  });

  it('reads the branch from journal entries and lends it down the first-parent line', () => {
    const commits = [commit(3), commit(2), commit(1)];
    const journal = new Map([[commit(3).hash, [entry({ branch: 'feature' })]]]);
    const data = buildTimeline(input({ commits, journal, fallbackBranch: 'main' }));
    expect(data.items.map((i) => data.branches[data.groups[i[I.group]]![1]])).toEqual(['feature', 'feature', 'feature']);
    const none = buildTimeline(input({ commits, fallbackBranch: 'trunk' }));
    expect(none.branches).toEqual(['trunk']);
  });

  it('puts a tip without an entry on the branch the range names, so the main line keeps it', () => {
    const merge = commit(3, { parents: [commit(1).hash, commit(2).hash] });
    const side = commit(2, { parents: [commit(1).hash] });
    const journal = new Map([[side.hash, [entry({ branch: 'feature' })]]]);
    const data = buildTimeline(input({ commits: [merge, side, commit(1)], journal, fallbackBranch: 'main' }));
    const branchOf = (hash: string) => data.branches[data.groups[data.items.find((i) => i[I.commit] === hash)![I.group]]![1]];
    expect([branchOf(merge.hash), branchOf(side.hash), branchOf(commit(1).hash)]).toEqual(['main', 'feature', 'main']);
  });

  it('merges trailer and journal decisions once, each with the status the readers judged for its commit', () => {
    const commits = [
      commit(3, { subject: 'Revert', decisions: [] }),
      commit(2, { decisions: ['Use cents (supersedes: use floats) — rounding'] }),
      commit(1, { decisions: ['Use floats — simple'], deadEnds: ['Polling — rate limited'] }),
    ];
    const journal = new Map([[commit(1).hash, [entry({ decisions: ['use floats — simple', 'Cache prices — slow API'] })]]]);
    const recorded = new Map([[commit(1).hash, [{ kind: 'decision' as const, text: 'Use floats', reason: 'simple', status: 'superseded' as const }]]]);
    const data = buildTimeline(input({ commits, journal, recorded }));
    const byCommit = new Map(data.items.map((i) => [i[I.commit], i]));
    // Found by identity (case and spacing aside); a decision the readers did not judge shows active.
    expect(byCommit.get(commit(1).hash)![I.decisions]).toEqual([
      ['Use floats', 'simple', 'superseded'],
      ['Cache prices', 'slow API', 'active'],
    ]);
    expect(byCommit.get(commit(1).hash)![I.deadEnds]).toEqual([['Polling', 'rate limited']]);
    // The marker is not part of the identity: the decision that carries it is found too.
    const withdrawn = new Map([[commit(2).hash, [{ kind: 'decision' as const, text: 'Use cents', reason: 'rounding', status: 'withdrawn' as const }]]]);
    const later = buildTimeline(input({ commits, journal, recorded: withdrawn }));
    expect(later.items.find((i) => i[I.commit] === commit(2).hash)![I.decisions][0]![2]).toBe('withdrawn');
  });

  it('shows a carried entry\'s decision as it stands, named with the commit that retired it, and a close as a close', () => {
    const c = commit(2, { date: '2026-11-04T09:00:00+01:00', subject: 'Tidy' });
    const journal = new Map([
      [
        c.hash,
        [
          entry({ time: '2026-11-02 10:00 +01:00', decisions: ['Use floats — simple'] }),
          entry({ kind: 'close', time: '2026-11-03 10:00 +01:00' }),
          entry({ time: '2026-11-04 09:00 +01:00' }),
        ],
      ],
    ]);
    // Recorded by a commit not shown, reverted since: what the whole history says of it.
    const floats = { kind: 'decision' as const, text: 'Use floats', reason: 'simple', status: 'reverted' as const, changedByShort: 'abc1234' };
    const data = buildTimeline(input({ commits: [c], journal, standing: new Map([[itemKey('decision', 'use floats'), floats]]), shallow: new Set([c.hash]) }));
    expect(data.items.map((i) => [i[I.kind], i[I.clock]])).toEqual([
      [0, '09:00'],
      [3, '10:00'],
      [2, '10:00'],
    ]);
    expect(data.items[2]![I.decisions]).toEqual([['Use floats', 'simple', 'reverted', 'abc1234']]);
    expect(data.shallow).toEqual([c.hash]);
    expect(buildTimeline(input({ commits: [c], journal })).items[2]![I.decisions]).toEqual([['Use floats', 'simple', 'active']]);
  });

  it('shows checkpoints as rows of their own, carried by the commit that committed them', () => {
    const c = commit(1, { date: '2026-11-02T12:00:00+01:00' });
    const journal = new Map([[c.hash, [entry({ kind: 'checkpoint', time: '2026-11-02 11:00 +01:00', status: 'half way' }), entry({ time: '2026-11-02 12:00 +01:00' })]]]);
    const data = buildTimeline(input({ commits: [c], journal, sessionAt: new Map([[c.hash, 0]]), versions: [[]] }));
    expect(data.items.map((i) => [i[I.kind], i[I.clock], i[I.status], i[I.session]])).toEqual([
      [0, '12:00', '', 0],
      [1, '11:00', 'half way', 0],
    ]);
    expect(data.items[1]![I.commit]).toBe(c.hash);
  });

  it('keeps the entries a squash merge carried as rows of their own, the commit keeping its own entry', () => {
    const c = commit(1, { date: '2026-11-04T09:00:00+01:00', subject: 'Squash feature' });
    const branchEntries = [
      entry({ time: '2026-11-02 10:00 +01:00', branch: 'feature', decisions: ['Use cents — rounding'] }),
      entry({ time: '2026-11-03 10:00 +01:00', branch: 'feature', deadEnds: ['Floats — rounding'] }),
    ];
    const local = buildTimeline(input({ commits: [c], journal: new Map([[c.hash, [...branchEntries, entry({ time: '2026-11-04 09:00 +01:00', status: 'merged' })]]]) }));
    expect(local.items.map((i) => [i[I.kind], i[I.subject], i[I.status], i[I.decisions].length, i[I.deadEnds].length])).toEqual([
      [0, 'Squash feature', 'merged', 0, 0],
      [2, '', '', 0, 1],
      [2, '', '', 1, 0],
    ]);
    // On a hosting service no hook runs: every entry is the branch's, the commit is on the range's branch.
    const hosted = buildTimeline(input({ commits: [c], journal: new Map([[c.hash, branchEntries]]), fallbackBranch: 'main' }));
    expect(hosted.items.map((i) => [i[I.kind], hosted.branches[hosted.groups[i[I.group]]![1]]])).toEqual([
      [0, 'main'],
      [2, 'feature'],
      [2, 'feature'],
    ]);
  });

  it('keeps files other than the journal, pooled, and the session versions at the commit and its parent', () => {
    const c2 = commit(2, {
      files: [
        { path: 'src/b.ts', added: 3, removed: 1 },
        { path: '.session/journal/2026-W45.md', added: 5, removed: 0 },
        { path: 'logo.png', added: null, removed: null },
      ],
    });
    const data = buildTimeline(input({ commits: [c2, commit(1)], sessionAt: new Map([[c2.hash, 1], [commit(1).hash, 0]]), versions: [[0], [0, 1]], lines: ['a', 'b'] }));
    expect(data.paths).toEqual(['logo.png', 'src/b.ts']);
    expect(data.items[0]![I.files]).toEqual([1, 3, 1, 0, -1, 0]);
    expect([data.items[0]![I.session], data.items[0]![I.before]]).toEqual([1, 0]);
    expect([data.items[1]![I.session], data.items[1]![I.before]]).toEqual([0, NO_SESSION]);
  });

  it('adds up the time the journal recorded per day, branch and author, leaving out gaps between sessions', () => {
    const commits = [commit(3), commit(2), commit(1)];
    const journal = new Map([
      [commit(3).hash, [entry({ sincePrevious: '25m' })]],
      [commit(2).hash, [entry({ sincePrevious: '1h 05m' })]],
      [commit(1).hash, [entry({ sincePrevious: '3d 2h' })]],
    ]);
    expect(buildTimeline(input({ commits, journal })).groups[0]![3]).toBe(90);
  });

  it('folds one-line texts to one line, leaves their escape sequences whole for the page to remove, and is deterministic', () => {
    const commits = [commit(1, { subject: ' evil\u001b[31m\r\n red\u0007\t' })];
    const a = JSON.stringify(buildTimeline(input({ commits })));
    expect(a).toBe(JSON.stringify(buildTimeline(input({ commits }))));
    const subject = buildTimeline(input({ commits })).items[0]![I.subject];
    expect(subject).toBe('evil\u001b[31m red\u0007');
    expect(JSON.parse(scriptSafeJson(subject))).toBe('evil red');
  });
});

describe('durationMinutes', () => {
  it.each([
    ['42m', 42],
    ['3h 05m', 185],
    ['2d 4h', 3120],
    ['0m', 0],
    ['soon', null],
    ['', null],
  ])('%s → %s', (text, minutes) => expect(durationMinutes(text)).toBe(minutes));
});
