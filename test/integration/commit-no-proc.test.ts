import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { addDecisionLine, allTrailers, code, gitNoTty, journalHeadings, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

// Where there is no /proc (macOS, the BSDs) the hook script names the commit by the git
// process one `ps` finds; this makes the hooks and the binary take that way here.
const NO_PROC = { GIT_SESSION_TEST_NO_PROC: '1' };
const DATE = { ...NO_PROC, GIT_AUTHOR_DATE: '@1700000000 +0000' };

function decideAndStage(r: TempRepo, what: string, version: number): void {
  const decided = r.run(['decide', what, '--because', 'it was measured']);
  expect(decided.code, decided.stderr).toBe(0);
  r.write('src/convert.js', code(version));
  r.git(['add', '-A']);
}

const handOffs = (r: TempRepo) => readdirSync(join(r.dir, '.git', 'git-session')).filter((n) => n.startsWith('hand-off'));

describe('the trailers hand-off without /proc', () => {
  it('-m and an editor commit: the trailers are woven, under the name of the git process ps finds', () => {
    repo = sessionRepo();
    decideAndStage(repo, 'Keep conversions in one table', 3);
    const m = gitNoTty(repo, ['commit', '-q', '-m', 'One table'], NO_PROC);
    expect(m.code, m.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep conversions in one table — it was measured']);
    // Named by a pid and the author date: a name by the date alone could be any commit's.
    expect(handOffs(repo)).toEqual([expect.stringMatching(/^hand-off-\d+-@\d+$/)]);

    addDecisionLine(repo, '- Print with two decimals — Reason: users asked');
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    const e = gitNoTty(repo, ['commit', '-q'], { ...NO_PROC, GIT_EDITOR: "sed -i '1s/^/Two decimals/'" });
    expect(e.code, e.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Two decimals');
    expect(trailerValues(repo, 'Decision')).toEqual(['Print with two decimals — users asked']);
    expect(residue(repo)).toBe('');
  });

  it('--amend is told from the command line the script read: the entry is replaced, the trailers not repeated', () => {
    repo = sessionRepo();
    decideAndStage(repo, 'Keep conversions in one table', 3);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'First try'], NO_PROC).code).toBe(0);
    const before = journalHeadings(repo, 'HEAD').length;
    addDecisionLine(repo, '- Print with two decimals — Reason: users asked');
    repo.git(['add', 'SESSION.md']);
    const r = gitNoTty(repo, ['commit', '-q', '--amend', '--no-edit'], NO_PROC);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep conversions in one table — it was measured', 'Print with two decimals — users asked']);
    expect(journalHeadings(repo, 'HEAD')).toHaveLength(before);
  });

  it('a commit that dies between the hooks leaves nothing for a later --no-verify commit with the same author date', () => {
    repo = sessionRepo();
    decideAndStage(repo, 'Use integers for millimetres', 3);
    // git runs pre-commit, then fails to read the message file.
    expect(gitNoTty(repo, ['commit', '-q', '-F', 'no-such-file'], DATE).code).not.toBe(0);
    expect(handOffs(repo)).toHaveLength(1);
    const r = gitNoTty(repo, ['commit', '-q', '--no-verify', '-m', 'Later'], DATE);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
  });

  it('finds a git run from a folder with a space in its path (an app\'s bundled git)', () => {
    repo = sessionRepo();
    const r = repo;
    // git through a link in such a folder, started by its full path, as an app starts it.
    const folder = join(r.home, 'Some App.app', 'bin');
    mkdirSync(folder, { recursive: true });
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8', env: r.env }).stdout.trim();
    symlinkSync(real, join(folder, 'git'));
    const wrapper = join(r.home, 'app-git');
    writeFileSync(wrapper, `#!/bin/sh\nshift\nexec "${join(folder, 'git')}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    decideAndStage(r, 'Use integers for millimetres', 3);
    expect(gitNoTty(r, ['commit', '-q', '-F', 'no-such-file'], DATE, r.dir, [wrapper]).code).not.toBe(0);
    expect(handOffs(r)).toEqual([expect.stringMatching(/^hand-off-\d+-@1700000000$/)]);
    const later = gitNoTty(r, ['commit', '-q', '--no-verify', '-m', 'Later'], DATE, r.dir, [wrapper]);
    expect(later.code, later.stderr).toBe(0);
    expect(allTrailers(r)).toEqual([]);
    // The amend is told from that command line too: the entry is replaced, not added to.
    decideAndStage(r, 'Round only when printing', 4);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Round'], NO_PROC, r.dir, [wrapper]).code).toBe(0);
    const before = journalHeadings(r, 'HEAD').length;
    addDecisionLine(r, '- Print with two decimals — Reason: users asked');
    r.git(['add', 'SESSION.md']);
    const amend = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit'], NO_PROC, r.dir, [wrapper]);
    expect(amend.code, amend.stderr).toBe(0);
    expect(journalHeadings(r, 'HEAD')).toHaveLength(before);
  });

  it('an amend that dies leaves nothing for a later --amend --no-verify, which keeps the author date whenever it runs', () => {
    repo = sessionRepo();
    decideAndStage(repo, 'Use integers for millimetres', 3);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Millimetres'], NO_PROC).code).toBe(0);
    decideAndStage(repo, 'Round only when printing', 4);
    expect(gitNoTty(repo, ['commit', '-q', '--amend', '-F', 'no-such-file'], NO_PROC).code).not.toBe(0);
    const r = gitNoTty(repo, ['commit', '-q', '--amend', '--no-verify', '-m', 'Later'], NO_PROC);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
  });
});
