import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, journalFilesIn, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** The paths staged in the index, compared with HEAD. */
function stagedPaths(r: TempRepo): string[] {
  return r.git(['diff', '--cached', '--name-only']).stdout.split('\n').filter(Boolean);
}

describe('what the pre-commit hook stages, and what it leaves', () => {
  it('an --allow-empty marker commit with a decision pending stays empty; the next real commit takes the decision', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    const marker = gitNoTty(repo, ['commit', '-q', '--allow-empty', '-m', 'Marker']);
    expect(marker.code, marker.stderr).toBe(0);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim()).toBe('');
    expect(trailerValues(repo, 'Decision')).toEqual([]);
    expect(residue(repo)).toBe(' M SESSION.md\n');
    // Reworded, it stays empty.
    const reworded = gitNoTty(repo, ['commit', '-q', '--amend', '--allow-empty', '-m', 'Marker, reworded']);
    expect(reworded.code, reworded.stderr).toBe(0);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim()).toBe('');
    expect(trailerValues(repo, 'Decision')).toEqual([]);
    expect(residue(repo)).toBe(' M SESSION.md\n');
    // With nothing staged and no --allow-empty, git turns the commit down and nothing is left staged.
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Nothing']).code).not.toBe(0);
    expect(residue(repo)).toBe(' M SESSION.md\n');
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const real = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(real.code, real.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(residue(repo)).toBe('');
  });

  it('an empty -m or -F message stays empty: git refuses it, and the decision goes into the next commit', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    const before = repo.git(['rev-parse', 'HEAD']).stdout;
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    for (const args of [['-m', ''], ['-F', '-']]) {
      const empty = gitNoTty(repo, ['commit', '-q', ...args]);
      expect(empty.code, empty.stderr).not.toBe(0);
      expect(empty.stderr).toContain('empty commit message');
      expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(before);
    }
    const real = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(real.code, real.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Rounding');
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(residue(repo)).toBe('');
  });

  it('a commit refused for a recorded secret leaves the index as it was, so --no-verify cannot commit it', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Use key AKIAIOSFODNN7EXAMPLE', '--because', 'it works']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Keys']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('commit refused');
    // Nothing of the hook's is claimed or left: only what the person staged.
    expect(r.stderr).not.toContain("staged the lines git-session's commands wrote");
    expect(stagedPaths(repo)).toEqual(['src/convert.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Keys']);
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).not.toContain('AKIA');
  });

  it('a commit refused for conflict markers puts the staged session file back, and the retry still takes the decision', () => {
    repo = sessionRepo();
    const head = repo.read('SESSION.md');
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    // The person staged a session file with markers in it (not the decision).
    const marked = head.replace('Length units convert; temperature is next.\n', '<<<<<<< ours\nLength units convert.\n=======\nTemperature is next.\n>>>>>>> theirs\n');
    const blob = repo.git(['hash-object', '-w', '--stdin'], { input: marked }).stdout.trim();
    repo.git(['update-index', '--cacheinfo', `100644,${blob},SESSION.md`]);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('conflict');
    expect(repo.git(['rev-parse', ':SESSION.md']).stdout.trim()).toBe(blob);
    // Resolved by staging HEAD's text again: the recorded decision is still waiting for the commit.
    repo.git(['reset', '-q', '--', 'SESSION.md']);
    const retry = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(residue(repo)).toBe('');
  });

  it('a decision recorded before SESSION.md was ever added: the commit adds the file with it, and says so', () => {
    repo = tempRepo();
    expect(repo.run(['init']).code).toBe(0);
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    // An edit of the person's after the command stays theirs, unstaged.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('## Status\n', '## Status\nMy own unstaged note.\n'));
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'First']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(r.stderr).toContain('SESSION.md was not tracked yet: this commit adds it');
    const committed = repo.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).toContain('- Round half to even — Reason: matches the spec');
    expect(committed).not.toContain('My own unstaged note.');
    expect(residue(repo).split('\n')).toContain(' M SESSION.md');
  });

  it('an ignored SESSION.md stays out of the commit', () => {
    repo = tempRepo();
    expect(repo.run(['init']).code).toBe(0);
    repo.write('.git/info/exclude', 'SESSION.md\n');
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'First']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['ls-files', 'SESSION.md']).stdout).toBe('');
  });
});

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
