import { describe, expect, it } from 'vitest';
import { assessStaleness } from '../../../src/core/pipeline/staleness.js';
import { journalMatcher, touchedKeyFiles } from '../../../src/core/pipeline/paths.js';

const isJournal = journalMatcher('.session/journal/{year}-W{week}.md');
const base = { sessionFile: 'SESSION.md', isJournal, keyFiles: [] as string[], threshold: 20 };

describe('assessStaleness', () => {
  it('is stale when a substantial change leaves the session file alone', () => {
    const s = assessStaleness({ ...base, files: [{ path: 'src/a.ts', added: 15, removed: 5 }] });
    expect(s).toMatchObject({ updated: false, changedLines: 20, stale: true, files: ['src/a.ts'] });
  });

  it('is not stale under the threshold', () => {
    expect(assessStaleness({ ...base, files: [{ path: 'src/a.ts', added: 10, removed: 9 }] }).stale).toBe(false);
  });

  it('is not stale when the commit updates the session file', () => {
    const s = assessStaleness({
      ...base,
      files: [
        { path: 'src/a.ts', added: 100, removed: 0 },
        { path: 'SESSION.md', added: 1, removed: 0 },
      ],
    });
    expect(s).toMatchObject({ updated: true, stale: false, changedLines: 100 });
  });

  it('leaves the journal out of the count', () => {
    const s = assessStaleness({ ...base, files: [{ path: '.session/journal/2025-W03.md', added: 50, removed: 0 }] });
    expect(s).toMatchObject({ changedLines: 0, files: [], stale: false });
  });

  it('counts a key file regardless of size', () => {
    const s = assessStaleness({ ...base, keyFiles: ['src/core/'], files: [{ path: 'src/core/x.ts', added: 1, removed: 0 }] });
    expect(s).toMatchObject({ stale: true, keyFilesTouched: ['src/core'] });
  });
});

describe('touchedKeyFiles', () => {
  it('matches files, folders and globs', () => {
    const paths = ['src/a.ts', 'lib/deep/b.js', 'docs/c.md'];
    expect(touchedKeyFiles(paths, ['./src/a.ts', 'lib', 'docs/*.md', 'nope.ts', '`src/a.ts`'])).toEqual([
      'src/a.ts',
      'lib',
      'docs/*.md',
      'src/a.ts',
    ]);
    expect(touchedKeyFiles(['lib/deep/b.js'], ['lib/**/*.js', 'lib/*.js'])).toEqual(['lib/**/*.js']);
  });
});

describe('journalMatcher', () => {
  it('matches every week of the template and nothing else', () => {
    expect(isJournal('.session/journal/2024-W52.md')).toBe(true);
    expect(isJournal('./.session/journal/2025-W01.md')).toBe(true);
    expect(isJournal('.session/journal/notes.md')).toBe(false);
    expect(isJournal('.session/journal/2025-W01.md.bak')).toBe(false);
  });
});
