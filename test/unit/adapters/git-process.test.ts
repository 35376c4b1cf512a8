import { describe, expect, it } from 'vitest';
import { findGitProcess, isAmending } from '../../../src/adapters/commit-state.js';

// Where there is no /proc the hook script finds git with one ps and hands over its pid
// (GIT_SESSION_COMMIT) and command line (GIT_SESSION_GIT_ARGS): the binary reads them
// instead of running ps again. No ps runs here: the pid is one no process has.
const NO_PROC = { GIT_SESSION_TEST_NO_PROC: '1', GIT_SESSION_COMMIT: '4194303-@1700000000' };

describe('the git process the hook script found', () => {
  it('is taken from its pid and command line, a path with spaces to the program included', () => {
    const found = findGitProcess(process.pid, { ...NO_PROC, GIT_SESSION_GIT_ARGS: '/Applications/Some App.app/Contents/git/bin/git commit --amend --no-edit' });
    expect(found).toEqual({ pid: 4194303, ppid: 0, argv: ['git', 'commit', '--amend', '--no-edit'], words: true });
    expect(isAmending(found)).toBe(true);
    expect(isAmending(findGitProcess(process.pid, { ...NO_PROC, GIT_SESSION_GIT_ARGS: 'git commit -m "Explain --amend"' }))).toBe(false);
  });

  it('is not taken from a name by the author date alone', () => {
    const found = findGitProcess(process.pid, { ...NO_PROC, GIT_SESSION_COMMIT: '@1700000000', GIT_SESSION_GIT_ARGS: 'git commit --amend' });
    expect(found?.pid).not.toBe(4194303);
  });
});
