import { describe, expect, it } from 'vitest';
import { blameAhead, escapeBasicRegex, parseRange, parseWhyTarget, pickBase, standupSince, type RefInfo } from '../../../src/core/report/targets.js';
import { splitReason as splitReasoned } from '../../../src/core/trailers/index.js';

describe('parseWhyTarget', () => {
  it.each([
    ['src/a.ts', { path: 'src/a.ts', lines: null }],
    ['src/a.ts:12', { path: 'src/a.ts', lines: { start: 12, end: 12 } }],
    ['src/a.ts:3-9', { path: 'src/a.ts', lines: { start: 3, end: 9 } }],
    ['c:/odd:name', { path: 'c:/odd:name', lines: null }],
    ['a:b:4', { path: 'a:b', lines: { start: 4, end: 4 } }],
  ])('%s', (target, expected) => {
    expect(parseWhyTarget(target)).toEqual(expected);
  });

  it.each(['a.ts:0', 'a.ts:9-3', '', ' ', '-'])('refuses %j with a usage error', (target) => {
    expect(() => parseWhyTarget(target)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each([
    ['-dash.txt', { path: './-dash.txt', lines: null }],
    ['-dash.txt:2', { path: './-dash.txt', lines: { start: 2, end: 2 } }],
    ['--all', { path: './--all', lines: null }],
  ])('names a file whose name starts with "-" from the current folder, never as an option: %s', (target, expected) => {
    expect(parseWhyTarget(target)).toEqual(expected);
  });
});

describe('blameAhead', () => {
  it.each([
    [['src/a.ts:12'], ['blame', '--porcelain', '-L12,12', '--', 'src/a.ts']],
    [['src/a.ts:3-9', '--format', 'json'], ['blame', '--porcelain', '-L3,9', '--', 'src/a.ts']],
    [['--format=md', 'a:b:4'], ['blame', '--porcelain', '-L4,4', '--', 'a:b']],
  ])('starts blame early for why %j', (words, expected) => {
    expect(blameAhead(words)).toEqual(expected);
  });

  it.each([[['src/a.ts']], [['src/a.ts:12', '--history']], [['a:1', 'b:2']], [['a.ts:0']], [[]], [['--help']], [['a:1', '--format']]])(
    'leaves %j to the command itself',
    (words) => {
      expect(blameAhead(words)).toBeUndefined();
    },
  );
});

describe('parseRange', () => {
  it.each([
    ['origin/main..topic', { label: 'origin/main..topic', revArgs: ['origin/main..topic'], head: 'topic' }],
    ['main..', { label: 'main..', revArgs: ['main..'], head: 'HEAD' }],
    // As a pull request from b into a reads it, not git's symmetric difference.
    ['a...b', { label: 'a...b', revArgs: ['a..b'], head: 'b' }],
    ['main...', { label: 'main...', revArgs: ['main..HEAD'], head: 'HEAD' }],
    ['main', { label: 'main..HEAD', revArgs: ['main..HEAD'], head: 'HEAD' }],
  ])('%s', (range, expected) => {
    expect(parseRange(range)).toEqual(expected);
  });

  it('refuses an option in place of a range', () => {
    expect(() => parseRange('--output=x')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('pickBase', () => {
  const ref = (name: string, more: Partial<RefInfo> = {}): RefInfo => ({
    name,
    symref: '',
    upstream: '',
    current: false,
    remote: false,
    ...more,
  });

  it('prefers the target of origin/HEAD', () => {
    expect(pickBase([ref('origin/HEAD', { remote: true, symref: 'origin/trunk' }), ref('main')])).toBe('origin/trunk');
  });
  it('takes main, then master, when it is not the current branch', () => {
    expect(pickBase([ref('main'), ref('topic', { current: true })])).toBe('main');
    expect(pickBase([ref('master'), ref('main', { current: true })])).toBe('master');
  });
  it('falls back to the upstream of the current branch, else nothing', () => {
    expect(pickBase([ref('main', { current: true, upstream: 'fork/main' })])).toBe('fork/main');
    expect(pickBase([ref('main', { current: true })])).toBeUndefined();
  });
});

describe('standupSince', () => {
  it('goes back to Friday on a Monday', () => {
    // Monday 2026-11-09 08:30 UTC
    expect(standupSince(new Date(Date.UTC(2026, 10, 9, 8, 30)), 0)).toBe('2026-11-06 00:00:00 +0000');
  });
  it('goes back one day otherwise, across a month end', () => {
    // Sunday 2026-11-01 and Wednesday 2026-11-04
    expect(standupSince(new Date(Date.UTC(2026, 10, 1, 12)), 0)).toBe('2026-10-31 00:00:00 +0000');
    expect(standupSince(new Date(Date.UTC(2026, 10, 4, 12)), 0)).toBe('2026-11-03 00:00:00 +0000');
  });
  it('uses the local day and offset', () => {
    // 23:30 UTC on Sunday is already Monday 01:30 at +02:00, so it reaches back to Friday.
    expect(standupSince(new Date(Date.UTC(2026, 10, 8, 23, 30)), 120)).toBe('2026-11-06 00:00:00 +0200');
    expect(standupSince(new Date(Date.UTC(2026, 10, 4, 2)), -330)).toBe('2026-11-02 00:00:00 -0530');
  });
});

describe('escapeBasicRegex', () => {
  it('makes an email match literally', () => {
    expect(escapeBasicRegex('a.b+c@x.org')).toBe('a\\.b+c@x\\.org');
  });
});

describe('splitReasoned', () => {
  it('splits on the last em dash and keeps earlier ones in the text', () => {
    expect(splitReasoned('A — B — because C')).toEqual({ text: 'A — B', reason: 'because C' });
    expect(splitReasoned('no reason')).toEqual({ text: 'no reason', reason: null });
    expect(splitReasoned('A - plain hyphen')).toEqual({ text: 'A - plain hyphen', reason: null });
  });
});
