import { describe, expect, it } from 'vitest';
import { buildLog, renderLogMarkdown } from '../../../src/core/report/log.js';
import { journalLine } from '../../../src/core/report/why.js';
import { buildReview, mostTouched, renderReviewMarkdown } from '../../../src/core/report/review.js';
import { buildStandup, renderStandupMarkdown } from '../../../src/core/report/standup.js';
import type { CommitRecord } from '../../../src/core/report/types.js';

function rec(short: string, more: Partial<CommitRecord> = {}): CommitRecord {
  return {
    hash: short.padEnd(40, '0'),
    short,
    parents: [],
    authorName: 'Ada',
    authorEmail: 'ada@x',
    date: '2026-11-02T10:00:00+01:00',
    subject: `subject ${short}`,
    decisions: [],
    deadEnds: [],
    files: [],
    ...more,
  };
}

describe('mostTouched', () => {
  it('sums lines per path, orders by lines, then commits, then path, and caps the list', () => {
    const commits = [
      rec('a1', { files: [{ path: 'b', added: 2, removed: 0 }, { path: 'a', added: 1, removed: 1 }, { path: 'img', added: null, removed: null }] }),
      rec('a2', { files: [{ path: 'c', added: 2, removed: 0 }, { path: 'a', added: 0, removed: 0 }] }),
    ];
    expect(mostTouched(commits).map((f) => [f.path, f.lines, f.commits])).toEqual([
      ['a', 2, 2],
      ['b', 2, 1],
      ['c', 2, 1],
      ['img', 0, 1],
    ]);
    expect(mostTouched(commits, 2)).toHaveLength(2);
  });

  it('carries what a file gathered before a rename over to its new name', () => {
    // Newest first, as git lists them: added as old.ts, edited, renamed, edited again.
    const commits = [
      rec('r4', { files: [{ path: 'new.ts', added: 1, removed: 1 }] }),
      rec('r3', { files: [{ path: 'new.ts', oldPath: 'old.ts', added: 0, removed: 0 }] }),
      rec('r2', { files: [{ path: 'old.ts', added: 3, removed: 0 }] }),
      rec('r1', { files: [{ path: 'old.ts', added: 10, removed: 0 }, { path: 'other.ts', added: 2, removed: 0 }] }),
    ];
    expect(mostTouched(commits).map((f) => [f.path, f.added, f.removed, f.commits])).toEqual([
      ['new.ts', 14, 1, 4],
      ['other.ts', 2, 0, 1],
    ]);
  });

  it('leaves out the files it is told to ignore', () => {
    const commits = [rec('j', { files: [{ path: '.session/journal/2026-W45.md', added: 90, removed: 0 }, { path: 'src/a.ts', added: 1, removed: 0 }] })];
    expect(mostTouched(commits, 10, (p) => p.startsWith('.session/journal/')).map((f) => f.path)).toEqual(['src/a.ts']);
  });
});

describe('review markdown', () => {
  it('lists decisions oldest first and leaves out empty sections', () => {
    const review = buildReview('main..HEAD', [rec('new', { decisions: ['B — second'] }), rec('old', { decisions: ['A'] })], null);
    expect(renderReviewMarkdown(review)).toBe(
      '# Review of main..HEAD\n\n## Decisions\n\n- A (old)\n- B — second (new)\n\n## Commits\n\n- old subject old\n- new subject new\n',
    );
  });

  it('keeps each item on one line whatever the subject holds', () => {
    const review = buildReview('x', [rec('c', { subject: 'a\tb  c', deadEnds: ['d\n  e'] })], null);
    expect(renderReviewMarkdown(review)).toContain('## Dead ends\n\n- d e (c)\n');
    expect(renderReviewMarkdown(review)).toContain('## Commits\n\n- c a b c\n');
  });

  it('names a file whose name holds a line break on one line, quoted', () => {
    const review = buildReview('x', [rec('c', { files: [{ path: 'a.ts\n## Injected', added: 1, removed: 0 }] })], null);
    expect(renderReviewMarkdown(review)).toContain('## Files most touched\n\n- "a.ts\\n## Injected" (+1 -0, 1 commit)\n');
    expect(renderReviewMarkdown(review)).not.toMatch(/^## Injected/m);
  });
});

describe('log and standup markdown', () => {
  it('describes the filters in the title', () => {
    const report = buildLog({ since: 'monday', until: null, author: 'ada', grep: null, paths: ['src'] }, [], new Map());
    expect(renderLogMarkdown(report)).toBe('# Work log since monday, by ada, touching src\n\nNo commits match.\n');
  });

  it('falls back to the status when there are no next steps', () => {
    const s = buildStandup('yesterday', 'ada@x', [], { goal: null, status: 'Blocked on review', nextSteps: [], decisions: [], deadEnds: [], keyFiles: [] });
    expect(renderStandupMarkdown(s)).toBe('# Standup since yesterday\n\n## Done\n\nNothing committed in this period.\n\n## Next\n\n- Blocked on review\n');
  });
});

describe('journalLine', () => {
  it('says when, where and the status, and leaves the session-long goal to the JSON', () => {
    const entry = { time: '2026-11-02 10:00 +00:00', kind: 'commit' as const, branch: 'main', author: 'Ada <a@x>', goal: 'Ship the exporter', decisions: [], deadEnds: [], status: 'halfway', files: [] };
    expect(journalLine(entry)).toBe('Journal: 2026-11-02 10:00 +00:00 on main; status: halfway');
  });

  it('names an entry that is not a commit\'s, and what a revert undid', () => {
    const entry = { time: '2026-11-02 10:00 +00:00', branch: 'main', author: 'Ada <a@x>', decisions: [], deadEnds: [], files: [] };
    expect(journalLine({ ...entry, kind: 'checkpoint' })).toBe('Journal (checkpoint): 2026-11-02 10:00 +00:00 on main');
    expect(journalLine({ ...entry, kind: 'commit', reverts: 'abc1234 Cache tokens' })).toBe('Journal: 2026-11-02 10:00 +00:00 on main; reverts abc1234 Cache tokens');
  });
});
