import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, journalHeadings, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

type Point = 'journal-read' | 'journal-recorded' | 'journal-written';

/** A commit whose pre-commit binary is killed (SIGKILL) at `point`: git aborts it. */
function killedCommit(r: TempRepo, point: Point, args: string[]): void {
  const head = r.git(['rev-parse', 'HEAD']).stdout;
  const killed = gitNoTty(r, ['commit', '-q', ...args], { GIT_SESSION_TEST_KILL: point });
  expect(killed.code, killed.stderr).not.toBe(0);
  expect(r.git(['rev-parse', 'HEAD']).stdout).toBe(head);
}

/**
 * Every journal file, in the work tree and at HEAD alike, holds whole entries only:
 * each heading's entry ends with its own `- Entry: <id>` line, and no id is there twice.
 */
function wholeEntries(r: TempRepo): string[] {
  const files = r.git(['ls-files', '.session/journal']).stdout.split('\n').filter(Boolean);
  const ids: string[] = [];
  for (const f of files) {
    const text = r.read(f);
    expect(r.git(['show', `HEAD:${f}`]).stdout).toBe(text);
    const entries = text.split(/^(?=### )/m).filter((e) => e.startsWith('### '));
    for (const e of entries) {
      const id = /\n- Entry: ([0-9a-f]{12})\n*$/.exec(e);
      expect(id, `a half-written entry in ${f}:\n${e}`).not.toBeNull();
      ids.push(id![1]!);
    }
  }
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

describe('a pre-commit killed while it writes the journal, then the commit retried', () => {
  const cases: [string, Point[]][] = [
    ['after the bookkeeping is written, before the entry', ['journal-recorded']],
    ['after the entry is written, before the commit', ['journal-written']],
    ['after the entry, then again in the retry after the bookkeeping that replaces it', ['journal-written', 'journal-recorded']],
    ['after the entry, then again in the retry before it writes anything', ['journal-written', 'journal-read']],
    ['after the entry, twice', ['journal-written', 'journal-written']],
  ];

  it.each(cases)('%s: exactly one whole entry for the commit', (_name, points) => {
    repo = sessionRepo();
    const r = repo;
    const before = wholeEntries(r).length;
    r.run(['decide', 'Round half to even', '--because', 'matches the spec']);
    r.write('src/convert.js', code(3));
    r.git(['add', '-A']);
    for (const point of points) killedCommit(r, point, ['-m', 'Rounding']);

    const done = gitNoTty(r, ['commit', '-q', '-m', 'Rounding']);
    expect(done.code, done.stderr).toBe(0);
    expect(journalHeadings(r, 'HEAD')).toHaveLength(before + 1);
    expect(wholeEntries(r)).toHaveLength(before + 1);
    expect(trailerValues(r, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(residue(r)).toBe('');

    // The next commit appends its own entry after it.
    r.write('src/convert.js', code(4));
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'More']).code).toBe(0);
    expect(wholeEntries(r)).toHaveLength(before + 2);
  });

  it('an amend killed after its entry is written: the retried amend keeps one entry for the commit', () => {
    repo = sessionRepo();
    const r = repo;
    r.write('src/convert.js', code(3));
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Rounding']).code).toBe(0);
    const before = wholeEntries(r).length;
    r.write('src/convert.js', code(5));
    r.git(['add', '-A']);
    killedCommit(r, 'journal-written', ['--amend', '--no-edit']);

    const done = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit']);
    expect(done.code, done.stderr).toBe(0);
    expect(wholeEntries(r)).toHaveLength(before);
    expect(residue(r)).toBe('');
  });
});
