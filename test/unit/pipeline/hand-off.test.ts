import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HOOK_END, HOOK_START, hookBlock, hookLine, handOffName } from '../../../src/core/hook-lines.js';
import { decodeHandOff, encodeHandOff, handOffArgs } from '../../../src/core/pipeline/trailer-plan.js';

describe('the hand-off file', () => {
  it('holds interpret-trailers arguments, NUL-separated, that decode back', () => {
    const text = encodeHandOff([
      { line: 'Decision: a — b\n  folded', ifExists: 'addIfDifferent' },
      { line: 'Session: goal', ifExists: 'replace' },
    ]);
    expect(decodeHandOff(text)).toEqual([
      '--where', 'start',
      '--if-exists', 'replace', '--if-missing', 'add', '--trailer', 'Session: goal',
      '--if-exists', 'addIfDifferent', '--if-missing', 'add', '--trailer', 'Decision: a — b\n  folded',
    ]);
    expect(text.endsWith('\0')).toBe(true);
  });

  it('its arguments are what the file decodes to, without a round trip', () => {
    const trailers = [{ line: 'Dead-End: polling — too slow', ifExists: 'addIfDifferent' as const }];
    expect(handOffArgs(trailers)).toEqual(decodeHandOff(encodeHandOff(trailers)));
    expect(handOffArgs([{ line: 'Decision: a\0b', ifExists: 'addIfDifferent' }]).at(-1)).toBe('Decision: ab');
    expect(handOffArgs([])).toEqual([]);
  });

  it('is empty when there is nothing to weave', () => {
    expect(encodeHandOff([])).toBe('');
    expect(decodeHandOff('')).toEqual([]);
  });

  it('is named after the commit in progress, or the author date under a hook line of an earlier version', () => {
    expect(handOffName({ GIT_SESSION_COMMIT: '4242-99817', GIT_AUTHOR_DATE: '@1700000000 +0200' })).toBe('hand-off-4242-99817');
    expect(handOffName({ GIT_AUTHOR_DATE: '@1700000000 +0200' })).toBe('hand-off@1700000000');
    // A name that could leave the state dir is not used.
    expect(handOffName({ GIT_SESSION_COMMIT: '../x', GIT_AUTHOR_DATE: '@1 +0000' })).toBe('hand-off@1');
  });
});

describe('hook lines', () => {
  it.each([['pre-commit'], ['prepare-commit-msg'], ['commit-msg']] as const)('%s is one line between the markers', (name) => {
    expect(hookLine(name)).not.toContain('\n');
    expect(hookBlock(name)).toBe(`${HOOK_START}\n${hookLine(name)}\n${HOOK_END}`);
    const syntax = spawnSync('sh', ['-n', '-c', hookLine(name)], { encoding: 'utf8', timeout: 5000 });
    expect(syntax.status, syntax.stderr).toBe(0);
  });

  it('hand off to the hook functions shipped in the package, the project copy first', () => {
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const) {
      expect(hookLine(name)).toMatch(/^h=node_modules\/git-session\/bin\/git-session-hook\.sh; /);
      expect(hookLine(name)).toContain(`git_session_hook ${name} "$@"`);
      // Short: the protocol lives in the package (lines of earlier versions held it in ~900 characters).
      expect(hookLine(name).length).toBeLessThanOrEqual(400);
    }
    expect(hookLine('pre-commit')).toContain('git-session: not found');
    expect(hookLine('commit-msg')).not.toContain('not found');
  });

  it('source the project copy, else run the script on PATH, else print the fix-it line; never fork a shell', () => {
    // A command substitution would fork a shell in every hook of every commit.
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const) expect(hookLine(name)).not.toContain('$(');
    const dir = mkdtempSync(join(tmpdir(), 'git-session-line-'));
    try {
      const onPath = join(dir, 'global');
      mkdirSync(onPath);
      writeFileSync(join(onPath, 'git-session-hook'), '#!/bin/sh\necho "global $*"\n');
      chmodSync(join(onPath, 'git-session-hook'), 0o755);
      // The line is followed by the person's own command: it must still run (and see its arguments).
      const run = (name: 'pre-commit' | 'prepare-commit-msg', path: string, env: Record<string, string> = {}) =>
        spawnSync('/bin/sh', ['-e', '-c', `${hookLine(name)}\necho "after $*"`, 'hook', 'MSG', 'message'], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: path, ...env },
          timeout: 5000,
        });
      writeFileSync(join(dir, '.gitsession'), '');
      expect(run('prepare-commit-msg', onPath).stdout).toBe('global prepare-commit-msg MSG message\nafter MSG message\n');
      const project = join(dir, 'node_modules', 'git-session', 'bin');
      mkdirSync(project, { recursive: true });
      // Sourced: it runs in the hook's own shell (no process), which it must not end.
      writeFileSync(join(project, 'git-session-hook.sh'), 'git_session_hook() { echo "project $* $$"; return 0; }\n');
      const sourced = run('prepare-commit-msg', onPath);
      const shells = /^project prepare-commit-msg MSG message (\d+)\nafter MSG message\n$/.exec(sourced.stdout);
      expect(shells?.[1], sourced.stdout).toBe(String(sourced.pid));
      // A failing hook fails the commit with its status.
      writeFileSync(join(project, 'git-session-hook.sh'), 'git_session_hook() { return 6; }\n');
      expect(run('prepare-commit-msg', onPath).status).toBe(6);
      rmSync(join(dir, 'node_modules'), { recursive: true });
      const missing = run('pre-commit', join(dir, 'empty'));
      expect(missing.status).toBe(0);
      expect(missing.stderr).toMatch(/^git-session: not found, so this commit skips session capture/);
      expect(missing.stdout).toBe('after MSG message\n');
      // Nothing to say under the opt-out, nor where init never ran.
      const quiet = run('pre-commit', join(dir, 'empty'), { GIT_SESSION: '0' });
      expect([quiet.status, quiet.stderr, quiet.stdout]).toEqual([0, '', 'after MSG message\n']);
      rmSync(join(dir, '.gitsession'));
      expect(run('pre-commit', join(dir, 'empty')).stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([['git-session-hook'], ['git-session-hook.sh']])('the hook script %s is valid sh', (name) => {
    const script = resolve(__dirname, '../../../bin', name);
    const syntax = spawnSync('sh', ['-n', script], { encoding: 'utf8', timeout: 5000 });
    expect(syntax.status, syntax.stderr).toBe(0);
  });

  it('name only the current hand-off and woven files', () => {
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const) {
      expect(hookLine(name)).not.toMatch(/git-session\/trailers/);
    }
  });
});
