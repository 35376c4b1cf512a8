import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, journalFilesIn, residue, sessionRepo } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('a journal folder that .gitignore covers', () => {
  it('a tracked journal file is committed with no line about it, with or without paths on the command line', () => {
    repo = sessionRepo();
    repo.write('.gitignore', '.session/\n');
    repo.git(['add', '.gitignore']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Ignore the journal folder']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('journal entry');
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
    // git commit <paths>: the entry is staged from node, into both indexes.
    repo.write('src/convert.js', code(3));
    const paths = gitNoTty(repo, ['commit', '-q', '-m', 'More code', '--', 'src/convert.js']);
    expect(paths.code, paths.stderr).toBe(0);
    expect(paths.stderr).not.toContain('journal entry');
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });
});
