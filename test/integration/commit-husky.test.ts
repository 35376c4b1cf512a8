import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, TIMEOUT_MS, installAsDevDependency, tempRepo, type TempRepo } from '../helpers/repo.js';
import { addDecisionLine, code, gitNoTty, journalFilesIn, journalHeadings, residue, trailerValues } from './commit-setup.js';

/** husky 9 as this package installs it: `husky` (the prepare script) sets core.hooksPath=.husky/_ and writes the stubs. */
const HUSKY = resolve(__dirname, '../../node_modules/husky/bin.js');

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** The user's own pre-commit line: fails while `.stop-commit` exists, as a linter would. */
const USER_LINE = '[ ! -f .stop-commit ] || { echo "user check: fix the lint first" >&2; exit 1; }';

/** A repository set up with the real husky, a user line in .husky/pre-commit, then `git session init`. */
function huskyRepo(): TempRepo {
  const r = tempRepo();
  r.write('package.json', '{ "name": "demo", "private": true, "scripts": { "prepare": "husky" }, "devDependencies": { "husky": "^9.1.7" } }\n');
  r.write('.gitignore', 'node_modules/\n');
  const husky = spawnSync('node', [HUSKY], { cwd: r.dir, env: r.env, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(husky.status, husky.stderr).toBe(0);
  expect(r.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
  r.write('.husky/pre-commit', `${USER_LINE}\n`);
  const init = r.run(['init']);
  expect(init.code, init.stderr).toBe(0);
  r.git(['add', '-A']);
  const first = gitNoTty(r, ['commit', '-q', '-m', 'Set up git-session']);
  expect(first.code, first.stderr).toBe(0);
  return r;
}

describe('with the real husky 9', () => {
  it('init writes into .husky/, next to the user line, never into .husky/_', () => {
    repo = huskyRepo();
    const pre = repo.read('.husky/pre-commit');
    expect(pre.startsWith(`${USER_LINE}\n`)).toBe(true);
    expect(pre).toContain('# git-session:start');
    for (const name of ['prepare-commit-msg', 'commit-msg']) {
      expect(repo.read(`.husky/${name}`)).toContain('# git-session:start');
    }
    expect(readFileSync(join(repo.dir, '.husky/_/pre-commit'), 'utf8')).not.toContain('git-session');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    // status and what an assistant is told at the start see the hooks husky runs.
    const status = repo.run(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { hooksInstalled: boolean }).hooksInstalled).toBe(true);
    expect(repo.run(['context']).stdout).not.toContain('no git-session hooks');
    // Taken out of the person's script, they are missing again.
    repo.write('.husky/pre-commit', `${USER_LINE}\n`);
    expect(repo.run(['context']).stdout).toContain('no git-session hooks');
  });

  it('-m: the trailer is woven, the journal entry is in the commit, nothing is left staged', () => {
    repo = huskyRepo();
    addDecisionLine(repo, '- Keep lengths in millimetres — Reason: one base unit');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Millimetres']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep lengths in millimetres — one base unit']);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });

  it('an editor commit gets the trailer below the subject the person wrote', () => {
    repo = huskyRepo();
    addDecisionLine(repo, '- Print two decimals — Reason: enough for lengths');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A']);
    const editor = `sh -c 'printf "%s\\n" "Two decimals" > "$1.new"; sed 1d "$1" >> "$1.new"; mv "$1.new" "$1"' -`;
    const r = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: editor });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Two decimals');
    expect(trailerValues(repo, 'Decision')).toEqual(['Print two decimals — enough for lengths']);
    expect(residue(repo)).toBe('');
  });

  it('an empty editor message still aborts: the commit-msg block takes the trailers out again', () => {
    repo = huskyRepo();
    addDecisionLine(repo, '- Print two decimals — Reason: enough for lengths');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A']);
    const head = repo.git(['rev-parse', 'HEAD']).stdout;
    const quit = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: 'true' });
    expect(quit.code).not.toBe(0);
    expect(quit.stderr).toContain('Aborting commit due to empty commit message');
    expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(head);
  });

  it('a failing user line stops the commit before any journal entry is written or staged', () => {
    repo = huskyRepo();
    repo.write('.stop-commit', '');
    repo.write('.gitignore', 'node_modules/\n.stop-commit\n');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A']);
    const staged = repo.git(['diff', '--cached', '--name-only']).stdout;
    const headings = journalHeadings(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Refused by lint']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('user check: fix the lint first');
    expect(repo.git(['diff', '--cached', '--name-only']).stdout).toBe(staged);
    expect(journalHeadings(repo)).toEqual(headings);
  });
});

describe('with the real husky 9 and git-session a dev dependency', () => {
  it('the hooks source the project copy in husky\'s shell, and the lines after them still run', () => {
    repo = tempRepo();
    installAsDevDependency(repo.dir);
    // Only the project copy's functions can run the hooks: no hook script on PATH or in node_modules/.bin.
    rmSync(join(repo.dir, 'node_modules', '.bin', 'git-session-hook'));
    const env = { PATH: (repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':') };
    repo.write('package.json', '{ "name": "demo", "private": true, "scripts": { "prepare": "husky" } }\n');
    repo.write('.gitignore', 'node_modules/\n');
    expect(spawnSync('node', [HUSKY], { cwd: repo.dir, env: repo.env, encoding: 'utf8', timeout: TIMEOUT_MS }).status).toBe(0);
    const init = repo.run(['init']);
    expect(init.code, init.stderr).toBe(0);
    // The person's own lines after ours, in husky's `sh -e`: they run, with git's arguments.
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) {
      appendFileSync(join(repo.dir, '.husky', name), `echo "${name} $# $$" >> .git/after.log\n`);
    }
    repo.git(['add', '-A'], { env });
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Set up git-session'], env).code).toBe(0);
    addDecisionLine(repo, '- Keep lengths in millimetres — Reason: one base unit');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A'], { env });
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Millimetres'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep lengths in millimetres — one base unit']);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toMatch(/^\.session\/journal\//m);
    expect(residue(repo)).toBe('');
    const after = readFileSync(join(repo.dir, '.git', 'after.log'), 'utf8').split('\n').slice(-4, -1);
    expect(after.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['pre-commit 0', 'prepare-commit-msg 2', 'commit-msg 1']);
    // GIT_SESSION=0 starts nothing and still lets the person's lines run.
    repo.write('src/convert.js', code(6));
    repo.git(['add', '-A'], { env });
    const quiet = gitNoTty(repo, ['commit', '-q', '-m', 'Quiet'], { ...env, GIT_SESSION: '0' });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toBe('src/convert.js\n');
    expect(readFileSync(join(repo.dir, '.git', 'after.log'), 'utf8').split('\n')).toHaveLength(10);
  });

  // Without /proc too: on macOS the hooks find the commit's git process with ps.
  it.each([
    // The hand-off's name: the git process's pid and its start time, or the author date.
    ['', {}, /^hand-off-\d+-\d+$/],
    [', without /proc', { GIT_SESSION_TEST_NO_PROC: '1' }, /^hand-off-\d+-@\d+$/],
  ])('the person\'s shell options in the hook files (nounset, noglob, noclobber, pipefail, IFS) change nothing of ours%s', (_, proc, named) => {
    repo = tempRepo();
    installAsDevDependency(repo.dir);
    // As on macOS, where sh is bash: it has pipefail, which dash lacks.
    const shells = join(repo.home, 'posix-bash');
    mkdirSync(shells);
    writeFileSync(join(shells, 'sh'), '#!/bin/bash\nexec /bin/bash --posix "$@"\n', { mode: 0o755 });
    const env = { ...proc, PATH: `${shells}:${(repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':')}` };
    repo.write('package.json', '{ "name": "demo", "private": true, "scripts": { "prepare": "husky" } }\n');
    repo.write('.gitignore', 'node_modules/\n');
    expect(spawnSync('node', [HUSKY], { cwd: repo.dir, env: repo.env, encoding: 'utf8', timeout: TIMEOUT_MS }).status).toBe(0);
    const strict = 'set -u -f -C -o pipefail; IFS="$(printf \'\\n\\tx\')"; IFS="${IFS%x}"\n';
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) repo.write(`.husky/${name}`, strict);
    expect(repo.run(['init']).code).toBe(0);
    // Enough files that the queries piped into the binary fill the pipe, which an amend leaves unread.
    for (let i = 0; i < 600; i++) repo.write(`src/f${i}.txt`, `${i}\n`);
    repo.git(['add', '-A'], { env });
    const first = gitNoTty(repo, ['commit', '-q', '-m', 'Many files'], env);
    expect(first.code, first.stderr).toBe(0);
    addDecisionLine(repo, '- Keep lengths in millimetres — Reason: one base unit');
    repo.write('src/convert.js', code(5));
    repo.git(['add', '-A'], { env });
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Millimetres'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep lengths in millimetres — one base unit']);
    expect(readdirSync(join(repo.dir, '.git', 'git-session')).filter((n) => n.startsWith('hand-off'))).toEqual([expect.stringMatching(named)]);
    for (let i = 0; i < 600; i++) repo.write(`src/f${i}.txt`, `${i} again\n`);
    repo.git(['add', '-A'], { env });
    const amend = gitNoTty(repo, ['commit', '-q', '--amend', '-m', 'Millimetres, and every file again'], env);
    expect(amend.code, amend.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep lengths in millimetres — one base unit']);
    expect(residue(repo)).toBe('');
  });
});

