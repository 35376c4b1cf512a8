import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePreflight, sessionBlobs } from '../../src/core/pipeline/preflight.js';
import { HOOK_END, HOOK_START } from '../../src/core/hook-lines.js';
import { BIN, BIN_DIR, TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, journalHeadings, residue, sessionRepo } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const DEBUG = { GIT_SESSION_DEBUG_LOADS: '1' };

function ranGit(stderr: string): string | undefined {
  return /pre-commit ran git: (.*)/.exec(stderr)?.[1];
}

function preflight(r: TempRepo) {
  const out = spawnSync(join(BIN_DIR, 'git-session-hook'), ['preflight'], { cwd: r.dir, env: r.env, encoding: 'utf8', timeout: TIMEOUT_MS });
  return parsePreflight(out.stdout);
}

describe('the pre-commit hook line asks git before node starts', () => {
  it('what the line gathers agrees with git rev-parse', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    let p = preflight(repo);
    expect(p).toBeDefined();
    const rev = (what: string) => repo!.git(['rev-parse', what]).stdout.trim();
    expect(p!.head).toBe(rev('HEAD'));
    expect(sessionBlobs(p!, 'SESSION.md')).toEqual({ staged: rev(':SESSION.md'), base: rev('HEAD:SESSION.md'), mode: '100644' });
    expect(p!.numstat).toBe('');
    repo.write('SESSION.md', repo.read('SESSION.md') + '\nMore.\n');
    repo.git(['add', '-A']);
    p = preflight(repo);
    expect(sessionBlobs(p!, 'SESSION.md')).toEqual({ staged: rev(':SESSION.md'), base: rev('HEAD:SESSION.md'), mode: '100644' });
    expect(p!.numstat.split('\0').filter((f) => f !== '')).toHaveLength(2);
  });

  it('a commit with nothing to record starts no git process from node; sh stages the entry', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(ranGit(r.stderr)).toBe('nothing');
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toMatch(/\.session\/journal\/.*\.md/);
    expect(journalHeadings(repo)).toHaveLength(2);
    expect(residue(repo)).toBe('');
  });

  it('bullets typed by hand under Decisions: read from disk and from the kept base text, still no git process from node', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', repo.read('SESSION.md').replace('simple\n', 'simple\n- Parse units once — Reason: speed\n'));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'By hand'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(ranGit(r.stderr)).toBe('nothing');
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('Parse units once — speed');
    // On disk differs from what is staged: git is asked for the blobs, and the result is the same.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('speed\n', 'speed\n- Round at the end — Reason: errors add up\n'));
    repo.git(['add', '-A']);
    repo.write('SESSION.md', repo.read('SESSION.md') + '\nNot staged yet.\n');
    const next = gitNoTty(repo, ['commit', '-q', '-m', 'Again'], DEBUG);
    expect(next.code, next.stderr).toBe(0);
    expect(ranGit(next.stderr)).toBe('cat-file');
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('Round at the end — errors add up');
  });

  it('with copy detection on, a copy of SESSION.md in the same commit still yields its new decisions', () => {
    repo = sessionRepo();
    repo.git(['config', 'diff.renames', 'copies']);
    repo.write('SESSION.md', repo.read('SESSION.md').replace('simple\n', 'simple\n- Parse units once — Reason: speed\n'));
    repo.write('archive/session-copy.md', repo.read('SESSION.md'));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Archive a copy'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('Parse units once — speed');
  });

  // A folder name with `[` or `*` is still one name: as a pattern git would skip the ignored file without a word.
  it.each(['notes', 'notes [local]'])('an ignored journal path git does not track (%s) costs the entry in the commit, not the commit: one line says so', (folder) => {
    repo = sessionRepo();
    // A journal folder the person ignores before any entry went into it: git tracks no file there.
    repo.write('.gitsession', `[journal]\n\tpath = ${folder}/{year}-W{week}.md\n`);
    repo.write('.git/info/exclude', 'notes*/\n');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code']);
    expect(r.code, r.stderr).toBe(0);
    const path = folder.replace(/[[\]]/g, '\\$&');
    expect(r.stderr).toMatch(new RegExp(`^git-session: journal entry not committed: ${path}/\\d{4}-W\\d{2}\\.md is ignored and not tracked, so the entry stays in that file only .*journal\\.enabled false\\)$`, 'm'));
    // Beside the usual reminder, one line of ours and none of git's.
    const lines = r.stderr.trim().split('\n');
    expect(lines.every((l) => l.startsWith('git-session: '))).toBe(true);
    expect(lines.filter((l) => l.includes('journal'))).toHaveLength(1);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('More code');
  });

  it('with GIT_LITERAL_PATHSPECS=1 the journal entry is still staged', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code'], { GIT_LITERAL_PATHSPECS: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/journal entry/);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toMatch(/\.session\/journal\//);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
  });

  it('a journal path with terminal control sequences (a cloned .gitsession) never reaches the terminal raw', () => {
    repo = sessionRepo();
    repo.write('.gitsession', '[journal]\n\tpath = "jr\x1b]0;PWNED\x07/{year}-W{week}.md"\n');
    repo.write('.git/info/exclude', 'jr*\n');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/journal entry skipped/);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('a hook line from an earlier version (no pipe) still records the commit, asking git itself', () => {
    repo = sessionRepo();
    const hook = `${repo.dir}/.git/hooks/pre-commit`;
    const old = `#!/bin/sh\n${HOOK_START}\ngs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=; if [ -n "$gs" ]; then "$gs" hook pre-commit "$@" || exit $?; fi\n${HOOK_END}\n`;
    repo.write('.git/hooks/pre-commit', old);
    spawnSync('chmod', ['+x', hook]);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    // rev-list asks, beside rev-parse, what the pipe would have said: whether HEAD is a revert.
    expect(ranGit(r.stderr)).toBe('rev-list, rev-parse, diff, add');
    expect(journalHeadings(repo)).toHaveLength(2);
    expect(residue(repo)).toBe('');
  });

  it('the first versions\' two hook lines still weave the trailers until init replaces them', () => {
    repo = sessionRepo();
    const find = 'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=';
    const lines = {
      'pre-commit': `${find}; if [ -n "$gs" ]; then "$gs" hook pre-commit "$@" || exit $?; fi`,
      // It started node only when this file was there and not empty.
      'prepare-commit-msg': `if [ "$2" = squash ] || [ -s "$(git rev-parse --git-path git-session/trailers)" ]; then ${find}; if [ -n "$gs" ]; then "$gs" hook prepare-commit-msg "$@" || exit $?; fi; fi`,
    };
    for (const [name, line] of Object.entries(lines)) {
      repo.write(`.git/hooks/${name}`, `#!/bin/sh\n${HOOK_START}\n${line}\n${HOOK_END}\n`);
      spawnSync('chmod', ['+x', `${repo.dir}/.git/hooks/${name}`]);
    }
    spawnSync('rm', ['-f', `${repo.dir}/.git/hooks/commit-msg`]);
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('Round half to even — matches the spec');
    expect(residue(repo)).toBe('');
  });

  it('reads stdin only when the line says it piped the queries in: a stdin left open by a hook manager cannot hold the commit', async () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    // The hook run as a hook manager might: stdin a FIFO whose writer never closes it, no --preflight.
    const fifo = join(repo.home, 'stdin.fifo');
    spawnSync('mkfifo', [fifo]);
    const writer = openSync(fifo, 'r+');
    const reader = openSync(fifo, 'r');
    const child = spawn('node', [BIN, 'hook', 'pre-commit'], { cwd: repo.dir, env: { ...repo.env, ...DEBUG }, stdio: [reader, 'pipe', 'pipe'] });
    closeSync(reader);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill(), 10_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    closeSync(writer);
    expect(exit, stderr).toBe(0);
    expect(ranGit(stderr)).toBe('rev-list, rev-parse, diff, add');
  });

  it('falls back to asking git for a session file below the top level, and on an amend', () => {
    repo = sessionRepo({ config: '[session]\n\tfile = docs/SESSION.md\n' });
    repo.write('docs/SESSION.md', repo.read('SESSION.md'));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Move the session file']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'More code'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(ranGit(r.stderr)).toMatch(/^rev-parse/);
    const amend = gitNoTty(repo, ['commit', '-q', '--amend', '-m', 'More code, amended'], DEBUG);
    expect(amend.code, amend.stderr).toBe(0);
    expect(ranGit(amend.stderr)).toMatch(/^rev-parse.*diff/);
    expect(journalHeadings(repo)).toHaveLength(3);
    expect(residue(repo)).toBe('');
  });

  it('the first commit of a repository, with HEAD unborn, under sh -e as husky runs hooks', () => {
    repo = sessionRepo();
    const fresh = tempRepo({ empty: true });
    try {
      for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) {
        const body = repo.read(`.git/hooks/${name}`).replace('#!/bin/sh\n', '#!/bin/sh -e\n');
        fresh.write(`.git/hooks/${name}`, body);
        spawnSync('chmod', ['+x', `${fresh.dir}/.git/hooks/${name}`]);
      }
      fresh.write('a.txt', 'one\n');
      fresh.write('.gitsession', '');
      fresh.git(['add', '-A']);
      const r = gitNoTty(fresh, ['commit', '-q', '-m', 'First'], DEBUG);
      expect(r.code, r.stderr).toBe(0);
      expect(ranGit(r.stderr)).toBe('nothing');
      expect(fresh.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toMatch(/\.session\/journal\//);
      expect(fresh.git(['status', '--porcelain']).stdout).toBe('');
    } finally {
      fresh.cleanup();
    }
  });
});
