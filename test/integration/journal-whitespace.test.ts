import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { parseEntries } from '../../src/core/journal/entry.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function journalFiles(r: TempRepo): string[] {
  return r.git(['ls-files', '.session/journal']).stdout.trim().split('\n').filter(Boolean);
}

/**
 * What whitespace checks say of the journal: `git diff --check` over the whole history
 * (a pull request's range, where a week's new file counts whole) and over each commit,
 * as CI jobs and `git am --whitespace=error` run them.
 */
function whitespaceErrors(r: TempRepo): string {
  const range = r.git(['diff', '--check', EMPTY_TREE, 'HEAD', '--', '.session/journal'], { allowFail: true });
  const each = r.git(['log', '--check', '--format=%h %s', '--', '.session/journal']).stdout;
  return range.stdout + each.split('\n').filter((l) => /: (?:new blank line at EOF|trailing whitespace)/.test(l)).join('\n');
}

describe('the journal as whitespace checks see it', () => {
  it('ends each week\'s file with one newline, through commits, an amend, a retried commit, a checkpoint and a merge', () => {
    repo = initialised();
    decideAndCommit(repo, 'Alpha', 'a.txt');
    decideAndCommit(repo, 'Beta', 'b.txt');
    const amend = repo.git(['commit', '-q', '--amend', '-m', 'Beta, amended'], { allowFail: true });
    expect(amend.code, amend.stderr).toBe(0);
    // A commit taken back and made again: its entry is replaced, not added twice.
    repo.git(['reset', '-q', '--soft', 'HEAD~1']);
    expect(repo.git(['commit', '-q', '-m', 'Beta, again'], { allowFail: true }).code).toBe(0);
    expect(repo.run(['checkpoint']).code).toBe(0);
    decideAndCommit(repo, 'Gamma', 'c.txt');
    // Both branches journal; the merge driver joins their entries.
    repo.git(['checkout', '-q', '-b', 'topic']);
    decideAndCommit(repo, 'Topic', 'topic.txt');
    repo.git(['checkout', '-q', 'main']);
    decideAndCommit(repo, 'Main', 'main.txt');
    const merge = repo.git(['merge', '-q', '--no-edit', 'topic'], { allowFail: true });
    expect(merge.code, merge.stderr).toBe(0);

    expect(whitespaceErrors(repo)).toBe('');
    for (const file of journalFiles(repo)) {
      const text = repo.read(file);
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), file).toBe(true);
      // Still one paragraph per entry: a blank line before every heading but the first.
      expect(text.match(/\n\n### /g)?.length).toBe(parseEntries(text).length - 1);
    }
    const entries = journalFiles(repo).flatMap((f) => parseEntries(repo!.read(f)));
    expect(entries.filter((e) => e.decisions.some((d) => d.startsWith('Beta')))).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'checkpoint')).toHaveLength(1);
  });

  it('a journal written before, whose entries end with a blank line, gets the next entry after that line and ends with one newline', () => {
    repo = initialised();
    decideAndCommit(repo, 'Alpha', 'a.txt');
    const [file] = journalFiles(repo);
    const old = repo.read(file!) + '\n';
    repo.write(file!, old);
    repo.git(['commit', '-q', '--no-verify', '-am', 'A journal as earlier versions wrote it']);
    decideAndCommit(repo, 'Beta', 'b.txt');
    const text = repo.read(file!);
    // Every byte that was there stays; the new entry follows the blank line already there.
    expect(text.startsWith(old)).toBe(true);
    expect(text.slice(old.length)).toMatch(/^### /);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(repo.git(['diff', '--check', 'HEAD~1', 'HEAD'], { allowFail: true }).stdout).toBe('');
  });
});
