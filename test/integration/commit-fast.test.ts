import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { allTrailers, code, gitNoTty, journalHeadings, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const DEBUG = { GIT_SESSION_DEBUG_LOADS: '1' };

function loads(stderr: string): string[] {
  return stderr.split('\n').filter((l) => / loaded: /.test(l));
}

describe('the fast path', () => {
  it('a commit after `git session decide` loads neither the parser nor the scanner, and git weaves the trailer', () => {
    repo = sessionRepo();
    const decided = repo.run(['decide', 'Keep conversions in one table', '--because', 'one place to check']);
    expect(decided.code, decided.stderr).toBe(0);
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'One table'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    // Only pre-commit started node: prepare-commit-msg wove the trailer in the shell.
    expect(loads(r.stderr)).toEqual(['git-session: pre-commit loaded: nothing lazy']);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep conversions in one table — one place to check']);
    expect(residue(repo)).toBe('');
  });

  it('plain bullets typed under Decisions and Dead Ends are read without the parser, again on the next edit', () => {
    repo = sessionRepo();
    const session = repo.read('SESSION.md');
    repo.write(
      'SESSION.md',
      session.replace('simple\n', 'simple\n- Parse units once — Reason: speed\n* Round only at the end because errors add up\n'),
    );
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'By hand'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(loads(r.stderr)).toEqual(['git-session: pre-commit loaded: nothing lazy']);
    expect(trailerValues(repo, 'Decision')).toEqual(['Parse units once — speed', 'Round only at the end — errors add up']);
    // The derived summary was cached with its own anchors: a bullet after a new one is read alike.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('add up\n', 'add up\n- Keep one table — Reason: one place to look\n'));
    repo.git(['add', '-A']);
    const next = gitNoTty(repo, ['commit', '-q', '-m', 'Again'], DEBUG);
    expect(next.code, next.stderr).toBe(0);
    expect(loads(next.stderr)).toEqual(['git-session: pre-commit loaded: nothing lazy']);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep one table — one place to look']);
  });

  it('a hand edit with markdown in it misses the cache: the parser runs and the result is the same', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', repo.read('SESSION.md').replace('\n## Dead Ends', '- Parse `units` once — Reason: speed\n\n## Dead Ends'));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'By hand'], DEBUG);
    expect(r.code, r.stderr).toBe(0);
    expect(loads(r.stderr)).toEqual(['git-session: pre-commit loaded: session-parser']);
    expect(trailerValues(repo, 'Decision')).toEqual(['Parse `units` once — speed']);
    // The next commit finds both versions in the cache.
    repo.write('src/convert.js', code(2));
    repo.git(['add', '-A']);
    const next = gitNoTty(repo, ['commit', '-q', '-m', 'Small'], DEBUG);
    expect(loads(next.stderr)).toEqual(['git-session: pre-commit loaded: nothing lazy']);
  });

  it('a corrupt cache is ignored', () => {
    repo = sessionRepo();
    repo.write('.git/git-session/cache.json', '{"version":3,"entries":[{"ids":["x"]');
    repo.write('src/format.js', code(2));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Small']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(repo.git(['show', 'HEAD', '--', '.session']).stdout).toContain('+- Goal: Build a small unit converter');
  });
});

describe('the trailers hand-off', () => {
  it('a commit that dies between the hooks leaves nothing for a later --no-verify commit with the same author date', () => {
    repo = sessionRepo();
    repo.run(['decide', 'Use integers for millimetres', '--because', 'no float drift']);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const date = { GIT_AUTHOR_DATE: '@1700000000 +0000' };
    // git runs pre-commit, then fails to read the message file.
    expect(gitNoTty(repo, ['commit', '-q', '-F', 'no-such-file'], date).code).not.toBe(0);
    // The dead commit's hand-off is still there, under the name of its own git process.
    const state = join(repo.dir, '.git', 'git-session');
    expect(readdirSync(state).filter((n) => n.startsWith('hand-off'))).toHaveLength(1);
    const r = gitNoTty(repo, ['commit', '-q', '--no-verify', '-m', 'Later'], date);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
  });

  it('a pre-commit hook that fails after ours: its trailers reach no later commit', () => {
    repo = sessionRepo();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, repo.read('.git/hooks/pre-commit') + 'exit 1\n');
    repo.run(['decide', 'Use integers for millimetres', '--because', 'no float drift']);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const date = { GIT_AUTHOR_DATE: '@1700000000 +0000' };
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Refused'], date).code).not.toBe(0);
    const r = gitNoTty(repo, ['commit', '-q', '--no-verify', '-m', 'Later'], date);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
  });
});

describe('a commit refused after pre-commit, then retried', () => {
  it('keeps exactly one journal entry for the commit', () => {
    repo = sessionRepo();
    const hook = join(repo.dir, '.git', 'hooks', 'commit-msg');
    // Refuses a message without a ticket-style prefix once; the retry fixes the message.
    writeFileSync(hook, '#!/bin/sh\ngrep -q "^fix:" "$1" || { echo "commit-msg: say fix:" >&2; exit 1; }\n');
    chmodSync(hook, 0o755);
    repo.run(['decide', 'Round half to even', '--because', 'matches the spec']);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const before = journalHeadings(repo, 'HEAD').length;
    const refused = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding']);
    expect(refused.code).not.toBe(0);
    expect(journalHeadings(repo)).toHaveLength(before + 1);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'fix: rounding']);
    expect(r.code, r.stderr).toBe(0);
    expect(journalHeadings(repo, 'HEAD')).toHaveLength(before + 1);
    expect(journalHeadings(repo)).toHaveLength(before + 1);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    expect(residue(repo)).toBe('');
    // The next commit appends again.
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'fix: more']).code).toBe(0);
    expect(journalHeadings(repo, 'HEAD')).toHaveLength(before + 2);
    expect(existsSync(join(repo.dir, '.git', 'git-session', 'last-entry.json'))).toBe(true);
  });
});
