import { describe, expect, it } from 'vitest';
import { formatLocalTime, journalPath, parseGitDate } from '../../../src/core/journal/entry.js';

describe('parseGitDate', () => {
  it('reads the form git exports to hooks, with the author zone', () => {
    const d = parseGitDate('@1767565800 +0100');
    expect(d?.instant.toISOString()).toBe('2026-01-04T22:30:00.000Z');
    expect(d?.offsetMinutes).toBe(60);
    expect(formatLocalTime(d!.instant, d!.offsetMinutes)).toBe('2026-01-04 23:30 +01:00');
    expect(parseGitDate('@1766934000 -0530')?.offsetMinutes).toBe(-330);
  });

  it('puts a late Sunday and an early Monday in their own ISO weeks, by the author clock', () => {
    const sunday = parseGitDate('@1767565800 +0100')!;
    const monday = parseGitDate('@1767568200 +0100')!; // 00:10 local, still Sunday in UTC
    expect(journalPath('j/{year}-W{week}.md', sunday.instant, sunday.offsetMinutes)).toBe('j/2026-W01.md');
    expect(journalPath('j/{year}-W{week}.md', monday.instant, monday.offsetMinutes)).toBe('j/2026-W02.md');
  });

  it.each([undefined, '', '2026-01-04T23:30:00+01:00', '@12 +1', 'now'])('ignores %s', (text) => {
    expect(parseGitDate(text)).toBeUndefined();
  });
});
