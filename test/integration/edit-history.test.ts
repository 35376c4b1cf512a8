import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { readInput, runHook } from '../helpers/edit-hook.js';

// The edit-time index after HEAD moved: built from what was kept for the HEAD before
// (the commits since walked alone, when they are a line on top of it), or from the
// whole history; either way the very index a build from nothing makes. Every commit
// runs the tool's hooks: the tests get minutes on a slow machine.

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const state = (r: TempRepo, name: string) => join(r.dir, '.git', 'git-session', name);
const head = (r: TempRepo) => r.git(['rev-parse', 'HEAD']).stdout.trim();

/** The stored index without what depends on the moment it was built. */
function storedIndex(r: TempRepo): Record<string, unknown> {
  const { builtAt, takenOut, ...index } = JSON.parse(readFileSync(state(r, 'edit-index.json'), 'utf8')) as Record<string, unknown>;
  expect(typeof builtAt).toBe('number');
  expect(takenOut).toEqual([]);
  return index;
}

/**
 * Builds the index for HEAD as the hook does after a commit, from what was kept,
 * and again from nothing: both must be the same. Returns the whole-history walks
 * (`git log` with no `^<commit>`) the first build ran, from git's trace.
 */
function buildBothWays(r: TempRepo, file = 'money.ts'): { wholeWalks: number; index: Record<string, unknown> } {
  const trace = join(r.home, 'trace');
  rmSync(trace, { force: true });
  // Given all the time it needs, so that it builds in its own process on a slow machine too.
  const out = runHook(r, readInput(r, join(r.dir, file), `s-${head(r)}`), { GIT_TRACE: trace, GIT_SESSION_TEST_EDIT_TIMES: '60000,60000' });
  expect(out.code, out.stderr).toBe(0);
  const kept = storedIndex(r);
  expect(kept.head).toBe(head(r));
  const walks = readFileSync(trace, 'utf8')
    .split('\n')
    // The walk of every file; the walk of merges beside it asks for the session file alone.
    .filter((l) => / trace: built-in: git log .*--raw/.test(l) && !/ --merges /.test(l));
  rmSync(state(r, 'edit-history.json'));
  rmSync(state(r, 'edit-index.json'));
  const fresh = r.run(['hook', 'edit-index']);
  expect(fresh.code, fresh.stderr).toBe(0);
  expect(storedIndex(r)).toEqual(kept);
  // The same bytes, too: which build made it shows nowhere (apart from when it was made).
  expect(JSON.stringify(storedIndex(r))).toBe(JSON.stringify(kept));
  return { wholeWalks: walks.filter((l) => !/ '?\^[0-9a-f]{40}/.test(l)).length, index: kept };
}

const served = (index: Record<string, unknown>, path: string) => {
  const { commits, items, files } = index as { commits: { hash: string }[]; items: { text: string; c: number }[]; files: Record<string, number[]> };
  const mine = new Set(files[path] ?? []);
  return items.filter((i) => mine.has(i.c)).map((i) => i.text).sort();
};

describe('the edit-time index after HEAD moved', () => {
  it('reads only the commits since, across commit kinds, and equals a build from nothing', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    expect(buildBothWays(r).wholeWalks).toBe(1);
    expect(existsSync(state(r, 'edit-history.json'))).toBe(true);

    // A plain commit.
    r.write('money.ts', 'plain change\n');
    r.git(['commit', '-q', '-am', 'Plain change']);
    expect(buildBothWays(r).wholeWalks).toBe(0);

    // A commit recording a decision, for a file with one already.
    const rounding = decideAndCommit(r, 'Round half to even', 'money.ts');
    let built = buildBothWays(r);
    expect(built.wholeWalks).toBe(0);
    expect(served(built.index, 'money.ts')).toEqual(['Keep amounts in cents', 'Round half to even']);

    // A revert of it: retired, its commit no longer served.
    r.git(['revert', '--no-edit', rounding]);
    built = buildBothWays(r);
    expect(built.wholeWalks).toBe(0);
    expect(served(built.index, 'money.ts')).toEqual(['Keep amounts in cents']);

    // A rename: the decisions follow the file.
    r.git(['mv', 'money.ts', 'amounts.ts']);
    r.git(['commit', '-q', '-m', 'Rename money.ts']);
    built = buildBothWays(r, 'amounts.ts');
    expect(built.wholeWalks).toBe(0);
    expect(served(built.index, 'amounts.ts')).toEqual(['Keep amounts in cents']);

    // A supersede and a withdrawal by hand.
    const supersede = r.run(['decide', 'Keep amounts in millis', '--because', 'sub-cent prices', '--supersedes', 'Keep amounts in cents']);
    expect(supersede.code, supersede.stderr).toBe(0);
    r.write('amounts.ts', 'millis\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Keep amounts in millis']);
    expect(buildBothWays(r, 'amounts.ts').wholeWalks).toBe(0);
    decideAndCommit(r, 'Cache rates hourly', 'rates.ts');
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Cache rates hourly.*\n/m, ''));
    r.write('rates.ts', 'no cache\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Withdraw the cache']);
    built = buildBothWays(r, 'rates.ts');
    expect(built.wholeWalks).toBe(0);
    expect(served(built.index, 'rates.ts')).toEqual([]);

  }, 120_000);

  it('walks the whole history again after a merge or a rewrite, and equals a build from nothing', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    decideAndCommit(r, 'Cache rates hourly', 'rates.ts');
    buildBothWays(r);

    // A merge: its walk may list the commits in another order than the kept one.
    r.git(['checkout', '-q', '-b', 'side', 'HEAD~1']);
    decideAndCommit(r, 'Batch the imports', 'import.ts');
    r.git(['checkout', '-q', 'main']);
    decideAndCommit(r, 'Log every import', 'log.ts');
    r.git(['merge', '-q', '--no-edit', 'side']);
    let built = buildBothWays(r, 'import.ts');
    expect(built.wholeWalks).toBe(1);
    expect(served(built.index, 'import.ts')).toEqual(['Batch the imports']);

    // Commits on top of the merge, and a fast-forward of two, are read alone again.
    decideAndCommit(r, 'Retry imports twice', 'import.ts');
    expect(buildBothWays(r, 'import.ts').wholeWalks).toBe(0);
    r.git(['checkout', '-q', '-b', 'ahead']);
    decideAndCommit(r, 'Validate before import', 'import.ts');
    decideAndCommit(r, 'Import in a transaction', 'import.ts');
    r.git(['checkout', '-q', 'main']);
    r.git(['merge', '-q', '--ff-only', 'ahead']);
    built = buildBothWays(r, 'import.ts');
    expect(built.wholeWalks).toBe(0);
    expect(served(built.index, 'import.ts')).toEqual(['Batch the imports', 'Import in a transaction', 'Retry imports twice', 'Validate before import']);

    // A rewrite: the kept HEAD is no ancestor, so the whole history is walked again.
    r.git(['commit', '-q', '--amend', '-m', 'Reworded']);
    expect(buildBothWays(r, 'import.ts').wholeWalks).toBe(1);
  }, 120_000);

  it('a kept file that is damaged, or kept for other settings, is walked again, not trusted', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    buildBothWays(r);
    const path = state(r, 'edit-history.json');
    const kept = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const damaged of [{ record: [null] }, { recorders: { commits: 'x', paths: [] } }, { key: 'another build' }]) {
      writeFileSync(path, JSON.stringify({ ...kept, ...damaged }));
      r.write('money.ts', `${JSON.stringify(damaged)}\n`);
      r.git(['commit', '-q', '-am', 'Plain change']);
      expect(buildBothWays(r).wholeWalks).toBe(1);
    }
  }, 120_000);
});
