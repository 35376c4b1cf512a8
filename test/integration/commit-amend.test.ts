import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { parseEntries } from '../../src/core/journal/entry.js';
import { gitNoTty, residue, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** The journal's entries at a revision (the work tree's files, read from that commit). */
function entriesAt(r: TempRepo, rev = 'HEAD') {
  const files = r.git(['ls-tree', '-r', '--name-only', rev, '.session/journal']).stdout.split('\n').filter(Boolean);
  return parseEntries(files.map((f) => r.git(['show', `${rev}:${f}`]).stdout).join(''));
}

function decide(r: TempRepo, what: string): void {
  const d = r.run(['decide', what, '--because', `reason for ${what}`]);
  expect(d.code, d.stderr).toBe(0);
}

function amend(r: TempRepo): void {
  const a = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit']);
  expect(a.code, a.stderr).toBe(0);
}

describe('an amend', () => {
  it('that moves its commit into another week takes its entry along, leaving none behind', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Alpha', 'a.txt');
    decide(r, 'Beta');
    r.write('b.txt', 'Beta\n');
    r.git(['add', '-A']);
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Beta'], { GIT_AUTHOR_DATE: '2031-06-02T10:00:00Z' });
    expect(c.code, c.stderr).toBe(0);
    const files = () => r.git(['ls-tree', '-r', '--name-only', 'HEAD', '.session/journal']).stdout.split('\n').filter(Boolean);
    expect(files()).toContain('.session/journal/2031-W23.md');
    const a = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit', '--date', '2031-06-10T10:00:00Z']);
    expect(a.code, a.stderr).toBe(0);
    // The week's file held only this commit's entry: it goes with it.
    expect(files()).not.toContain('.session/journal/2031-W23.md');
    expect(files()).toContain('.session/journal/2031-W24.md');
    const beta = entriesAt(r).filter((e) => e.decisions.some((d) => d.startsWith('Beta')));
    expect(beta).toHaveLength(1);
    expect(beta[0]!.time).toMatch(/^2031-06-10 /);
    expect(entriesAt(r).filter((e) => e.decisions.some((d) => d.startsWith('Alpha')))).toHaveLength(1);

    // Back into a week whose file holds other entries: only this commit's leaves it.
    const back = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit', '--reset-author']);
    expect(back.code, back.stderr).toBe(0);
    expect(files()).not.toContain('.session/journal/2031-W24.md');
    expect(entriesAt(r).filter((e) => e.decisions.some((d) => d.startsWith('Beta')))).toHaveLength(1);
    expect(entriesAt(r).filter((e) => e.decisions.some((d) => d.startsWith('Alpha')))).toHaveLength(1);
    expect(residue(r)).toBe('');

    // Only some paths amended, into another week: the index left behind matches the commit.
    r.write('b.txt', 'Beta, again\n');
    r.write('o.txt', 'other\n');
    r.git(['add', 'o.txt']);
    const some = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit', '--date', '2031-06-10T10:00:00Z', '--', 'b.txt']);
    expect(some.code, some.stderr).toBe(0);
    expect(r.git(['status', '--porcelain']).stdout).toBe('A  o.txt\n');
    expect(entriesAt(r).filter((e) => e.decisions.some((d) => d.startsWith('Beta')))).toHaveLength(1);
  });

  it('leaves alone an entry without an id that the amended commit edited by hand, in any week\'s file', () => {
    repo = initialised();
    const r = repo;
    const old = (files: string) => `### 2026-11-20 10:00 +00:00 · commit · main · A <a@example.com>\n- Files:\n  - ${files} (+1 -0)\n`;
    r.write('.session/journal/2026-W47.md', `${old('one')}\n${old('twoo')}`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--no-verify', '-m', 'A journal of earlier versions']);
    r.write('.session/journal/2026-W47.md', `${old('one')}\n${old('two')}`);
    r.write('x.txt', 'x\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'x, and a typo mended']).code).toBe(0);
    amend(r);
    expect(r.git(['show', 'HEAD:.session/journal/2026-W47.md']).stdout).toBe(`${old('one')}\n${old('two')}`);
    expect(residue(r)).toBe('');
  });

  it('of a merge keeps every entry the merged branch brought and claims only what the amend adds', () => {
    repo = initialised();
    const r = repo;
    r.git(['checkout', '-q', '-b', 'topic']);
    decideAndCommit(r, 'Topic keeps amounts in cents', 'topic.txt');
    r.git(['checkout', '-q', 'main']);
    decideAndCommit(r, 'Main parses dates with the ISO parser', 'main.txt');
    r.git(['checkout', '-q', 'topic']);
    decideAndCommit(r, 'Topic rounds half to even', 'topic2.txt');
    r.git(['checkout', '-q', 'main']);
    expect(r.git(['merge', '-q', '--no-edit', 'topic']).code).toBe(0);
    const merged = entriesAt(r).map((e) => e.id);

    decide(r, 'Merge keeps both parsers');
    amend(r);
    const after = entriesAt(r);
    expect(after.map((e) => e.id).slice(0, merged.length)).toEqual(merged);
    expect(after.slice(merged.length).map((e) => e.decisions)).toEqual([['Merge keeps both parsers — reason for Merge keeps both parsers']]);
    expect(trailerValues(r, 'Decision')).toEqual(['Merge keeps both parsers — reason for Merge keeps both parsers']);
    expect(after.at(-1)!.files.map((f) => f.path)).toEqual(['SESSION.md']);

    // Amended again: the amend's own entry gives way, nothing the parents brought does.
    decide(r, 'Merge logs which parser ran');
    amend(r);
    const again = entriesAt(r);
    expect(again.map((e) => e.id).slice(0, merged.length)).toEqual(merged);
    expect(again.slice(merged.length).map((e) => e.decisions)).toEqual([
      ['Merge keeps both parsers — reason for Merge keeps both parsers', 'Merge logs which parser ran — reason for Merge logs which parser ran'],
    ]);
    expect(trailerValues(r, 'Decision')).toHaveLength(2);
    expect(r.git(['rev-list', '--parents', '-n', '1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    expect(residue(r)).toBe('');
  });

  it('of a merge with nothing of its own adds no entry: its changes are its parents\'', () => {
    repo = initialised();
    const r = repo;
    r.git(['checkout', '-q', '-b', 'topic']);
    decideAndCommit(r, 'Topic keeps amounts in cents', 'topic.txt');
    r.git(['checkout', '-q', 'main']);
    r.write('main.txt', 'main\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Main']).code).toBe(0);
    expect(r.git(['merge', '-q', '--no-edit', 'topic']).code).toBe(0);
    const merged = r.git(['rev-parse', 'HEAD^{tree}']).stdout;
    amend(r);
    expect(r.git(['rev-parse', 'HEAD^{tree}']).stdout).toBe(merged);
    expect(r.git(['rev-list', '--parents', '-n', '1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    expect(residue(r)).toBe('');
  });

  it('of a revert git merged without the journal driver puts back what it dropped, and the revert keeps one entry', () => {
    repo = initialised();
    const r = repo;
    const a = decideAndCommit(r, 'Alpha', 'a.txt');
    expect(r.git(['revert', '--no-edit', 'HEAD']).code).toBe(0);
    amend(r);
    const alpha = (entries: ReturnType<typeof entriesAt>) => entries.filter((e) => e.decisions.some((d) => d.startsWith('Alpha')));
    // The amend is the first hook of the revert: it puts back the reverted entry, and
    // its own entry is the revert's, naming what it reverted.
    expect(alpha(entriesAt(r))).toHaveLength(1);
    const own = entriesAt(r).filter((e) => e.reverts);
    expect(own.map((e) => e.reverts)).toEqual([`${a.slice(0, 12)} Alpha`]);
    expect(own[0]!.files.map((f) => f.path)).toEqual(['SESSION.md', 'a.txt']);
    expect(residue(r)).toBe('');

    // The next commit finds nothing dropped: no second entry for the revert.
    r.write('b.txt', 'b\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Next']).code).toBe(0);
    const after = entriesAt(r);
    expect(after.filter((e) => e.reverts)).toHaveLength(1);
    expect(alpha(after)).toHaveLength(1);
    expect(new Set(after.map((e) => e.id)).size).toBe(after.length);
    expect(residue(r)).toBe('');
  });

  it('of the last of two reverts puts back both entries, and each revert keeps its own', () => {
    repo = initialised();
    const r = repo;
    const a = decideAndCommit(r, 'Alpha', 'a.txt');
    const b = decideAndCommit(r, 'Beta', 'b.txt');
    expect(r.git(['revert', '--no-edit', 'HEAD', 'HEAD~1']).code).toBe(0);
    amend(r);
    r.write('c.txt', 'c\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Next']).code).toBe(0);
    const after = entriesAt(r);
    expect(after.filter((e) => e.reverts).map((e) => e.reverts)).toEqual([`${b.slice(0, 12)} Beta`, `${a.slice(0, 12)} Alpha`]);
    for (const what of ['Alpha', 'Beta']) expect(after.filter((e) => e.decisions.some((d) => d.startsWith(what)))).toHaveLength(1);
    expect(new Set(after.map((e) => e.id)).size).toBe(after.length);
    expect(residue(r)).toBe('');
  });

  it('takes out only the trailers git-session wove: one a person typed stays, one whose decision left SESSION.md goes', () => {
    repo = initialised();
    const r = repo;
    decide(r, 'Cache parsed files');
    r.write('cache.txt', 'cache\n');
    r.git(['add', '-A']);
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Cache', '-m', 'Decision: Keep the cache in memory — typed by hand']);
    expect(c.code, c.stderr).toBe(0);
    const values = () => trailerValues(r, 'Decision');
    expect(values()).toEqual(['Cache parsed files — reason for Cache parsed files', 'Keep the cache in memory — typed by hand']);
    amend(r);
    expect(values()).toEqual(['Cache parsed files — reason for Cache parsed files', 'Keep the cache in memory — typed by hand']);
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Cache parsed files.*\n/m, ''));
    r.git(['add', '-A']);
    amend(r);
    expect(values()).toEqual(['Keep the cache in memory — typed by hand']);
    expect(residue(r)).toBe('');
  });

  it('in a latin1 repository takes out the trailer of a decision reworded before the amend', () => {
    repo = initialised();
    const r = repo;
    r.git(['config', 'i18n.commitEncoding', 'latin1']);
    decide(r, 'Cache in Redsi');
    r.write('cache.txt', 'cache\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Cache']).code).toBe(0);
    r.write('SESSION.md', r.read('SESSION.md').replace('Cache in Redsi', 'Cache in Redis'));
    r.git(['add', '-A']);
    amend(r);
    const values = r.git(['-c', 'i18n.logOutputEncoding=UTF-8', 'log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim().split('\n');
    expect(values).toEqual(['Cache in Redis - reason for Cache in Redsi']);
  });

  it('of commits squashed by rebase -i leaves one entry for them and no trailer twice', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Cache parsed files', 'cache.txt');
    decideAndCommit(r, 'Evict the oldest first', 'evict.txt');
    const base = entriesAt(r, 'HEAD~2').length;
    const squash = r.git(['rebase', '-q', '-i', 'HEAD~2'], { env: { GIT_SEQUENCE_EDITOR: 'sed -i "2s/^pick/squash/"' } });
    expect(squash.code, squash.stderr).toBe(0);
    expect(entriesAt(r)).toHaveLength(base + 2);

    r.write('cache.txt', 'Cache parsed files, by path\n');
    r.git(['add', '-A']);
    amend(r);
    const entries = entriesAt(r);
    expect(entries).toHaveLength(base + 1);
    expect(entries.at(-1)!.decisions).toEqual([
      'Cache parsed files — reason for Cache parsed files',
      'Evict the oldest first — reason for Evict the oldest first',
    ]);
    const message = r.git(['log', '-1', '--format=%B']).stdout;
    expect(message.match(/^Decision: Cache parsed files/gm)).toHaveLength(1);
    expect(message.match(/^Decision: Evict the oldest first/gm)).toHaveLength(1);
    expect(residue(r)).toBe('');
  });
});
