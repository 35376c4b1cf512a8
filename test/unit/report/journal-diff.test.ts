import { describe, expect, it } from 'vitest';
import { journalMatcher } from '../../../src/core/pipeline/paths.js';
import { JournalDiffStream, journalPathspec, parseJournalDiff } from '../../../src/core/report/journal-diff.js';

const TEMPLATE = '.session/journal/{year}-W{week}.md';
const H1 = '1'.repeat(40);
const H2 = '2'.repeat(40);

describe('journalPathspec', () => {
  it('limits to the literal folder before the first placeholder', () => {
    expect(journalPathspec(TEMPLATE)).toBe(':(top,literal).session/journal/');
  });
  it('reads a template starting with ./ as the matcher does', () => {
    expect(journalPathspec('./notes/{year}-W{week}.md')).toBe(':(top,literal)notes/');
    expect(journalMatcher('./notes/{year}-W{week}.md')('notes/2026-W05.md')).toBe(true);
  });
  it('falls back to a glob when the files sit at the root', () => {
    expect(journalPathspec('journal-{year}-{week}.md')).toBe(':(top,glob)journal-*-*.md');
  });
});

describe('journalMatcher', () => {
  it('matches only the files the template produces', () => {
    const is = journalMatcher(TEMPLATE);
    expect(is('.session/journal/2026-W05.md')).toBe(true);
    expect(is('.session/journal/README.md')).toBe(false);
    expect(is('.session/journal/2026-W5.md')).toBe(false);
    expect(is('xsession/journal/2026-W05.md')).toBe(false);
  });
});

describe('parseJournalDiff', () => {
  const entry = (status: string) => [
    '+### 2026-11-02 10:00 +00:00 · commit · main · Ada <ada@x>',
    '+- Decision: use A — fast',
    `+- Status: ${status}`,
    '+',
  ];

  it('collects each commit’s added lines and parses them into entries', () => {
    const out = [
      `\x02${H1}`,
      '',
      'diff --git a/.session/journal/2026-W45.md b/.session/journal/2026-W45.md',
      'index 1..2 100644',
      '--- a/.session/journal/2026-W45.md',
      '+++ b/.session/journal/2026-W45.md',
      '@@ -3,0 +4,4 @@ heading',
      ...entry('second'),
      `\x02${H2}`,
      '',
      'diff --git a/.session/journal/2026-W45.md b/.session/journal/2026-W45.md',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/.session/journal/2026-W45.md',
      '@@ -0,0 +1,4 @@',
      ...entry('first'),
    ].join('\n');
    const map = parseJournalDiff(out, journalMatcher(TEMPLATE));
    expect(map.get(H1)?.map((e) => e.status)).toEqual(['second']);
    expect(map.get(H2)?.[0]).toMatchObject({ kind: 'commit', branch: 'main', decisions: ['use A — fast'], status: 'first' });
  });

  it('counts hunk lines, so added text that looks like a header stays content', () => {
    const out = [
      `\x02${H1}`,
      '+++ b/.session/journal/2026-W45.md',
      '@@ -1 +1,3 @@',
      '-old line',
      '+### 2026-11-02 10:00 +00:00 · commit · main · Ada <ada@x>',
      '+++ b/elsewhere.md',
      '+- Status: kept',
    ].join('\n');
    expect(parseJournalDiff(out, journalMatcher(TEMPLATE)).get(H1)?.[0]?.status).toBe('kept');
  });

  it('ignores lines added to other files in the folder and commits that added no entry', () => {
    const out = [
      `\x02${H1}`,
      '+++ b/.session/journal/notes.md',
      '@@ -0,0 +1,2 @@',
      '+### 2026-11-02 10:00 +00:00 · commit · main · Ada <ada@x>',
      '+- Status: not a journal',
      `\x02${H2}`,
    ].join('\n');
    expect(parseJournalDiff(out, journalMatcher(TEMPLATE)).size).toBe(0);
  });

  it('gives the same entries however git splits its output, telling each commit once as it completes', () => {
    const out = [
      `\x02${H1}`,
      '',
      '+++ b/.session/journal/2026-W45.md',
      '@@ -3,0 +4,4 @@',
      ...entry('second'),
      `\x02${H2}`,
      '',
      '+++ b/.session/journal/2026-W45.md',
      '@@ -0,0 +1,4 @@',
      ...entry('first'),
      '',
    ].join('\n');
    const whole = parseJournalDiff(out, journalMatcher(TEMPLATE));
    expect([...whole.keys()]).toEqual([H1, H2]);
    for (let cut = 1; cut < out.length; cut += 7) {
      const stream = new JournalDiffStream(journalMatcher(TEMPLATE));
      stream.push(out.slice(0, cut));
      stream.push(out.slice(cut));
      expect(stream.end()).toEqual(whole);
    }
  });
});
