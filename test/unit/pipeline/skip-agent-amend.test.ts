import { describe, expect, it } from 'vitest';
import { detectAssistant } from '../../../src/core/pipeline/agent.js';
import { isAmendArgv, isGitArgv } from '../../../src/core/pipeline/amend.js';
import { skipReason } from '../../../src/core/pipeline/skip.js';

const none = { rebase: false, cherryPick: false, revert: false, merge: false };

describe('skipReason', () => {
  it.each([
    [{ HUSKY: '0' }, none, undefined, 'HUSKY=0'],
    [{ GIT_SESSION: '0' }, none, undefined, 'GIT_SESSION=0'],
    [{}, { ...none, rebase: true }, undefined, 'a rebase is in progress'],
    [{}, { ...none, cherryPick: true }, undefined, 'a cherry-pick is in progress'],
    [{}, { ...none, revert: true }, undefined, 'a revert is in progress'],
    [{}, { ...none, merge: true }, undefined, 'this is a merge commit'],
    [{}, none, 'merge', 'this is a merge commit'],
    [{ HUSKY: '1' }, none, 'message', undefined],
  ])('%j %j %s → %s', (env, markers, source, expected) => {
    expect(skipReason(env, markers, source)).toBe(expected);
  });
});

describe('detectAssistant', () => {
  it('knows the markers', () => {
    expect(detectAssistant({ CLAUDECODE: '1' })).toBe('Claude Code');
    expect(detectAssistant({ GIT_SESSION_AGENT: '1' })).toBe('git-session agent');
    expect(detectAssistant({ GEMINI_CLI: '1' })).toBe('Gemini CLI');
    expect(detectAssistant({ CODEX_SANDBOX_NETWORK_DISABLED: '1' })).toBe('Codex');
    expect(detectAssistant({ CLAUDECODE: '1', GIT_SESSION_AGENT: '0' })).toBeUndefined();
    expect(detectAssistant({ CI: 'true', TERM: 'xterm' })).toBeUndefined();
  });
});

describe('isAmendArgv', () => {
  it.each([
    [['git', 'commit', '--amend'], true],
    [['/usr/bin/git', 'commit', '-q', '--amend', '--no-edit'], true],
    [['git', 'commit', '--am'], true],
    [['git', 'commit', '--a'], false],
    [['git', 'commit', '-m', '--amend'], false],
    [['git', 'commit', '--', '--amend'], false],
    [['git', 'commit', '-am', 'x'], false],
    [['git', 'ci', '--amend'], true],
  ])('%j → %s', (argv, expected) => {
    expect(isAmendArgv(argv)).toBe(expected);
  });

  it('tells git from other processes', () => {
    expect(isGitArgv(['git', 'commit'])).toBe(true);
    expect(isGitArgv(['/usr/lib/git-core/git', 'commit'])).toBe(true);
    expect(isGitArgv(['/bin/sh', '.git/hooks/pre-commit'])).toBe(false);
    expect(isGitArgv(['node', 'git-session'])).toBe(false);
  });
});
