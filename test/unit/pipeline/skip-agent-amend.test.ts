import { describe, expect, it } from 'vitest';
import { detectAssistant } from '../../../src/core/pipeline/agent.js';
import { findGitAncestor, gitArgv, isAmendArgv, isGitArgv, parsePsTable, reusedMessageArgv } from '../../../src/core/pipeline/amend.js';
import { foldChain, skipReason } from '../../../src/core/pipeline/skip.js';

const none = { rebase: false, cherryPick: false, revert: false, merge: false, concludesPick: false, carried: false, folds: false };

describe('skipReason', () => {
  it.each([
    [{ HUSKY: '0' }, none, undefined, 'HUSKY=0'],
    [{ GIT_SESSION: '0' }, none, undefined, 'GIT_SESSION=0'],
    [{}, { ...none, rebase: true }, undefined, 'a rebase is in progress'],
    [{}, { ...none, cherryPick: true }, undefined, 'a cherry-pick is in progress'],
    [{}, { ...none, revert: true }, undefined, 'a revert is in progress'],
    [{}, { ...none, merge: true }, undefined, 'this is a merge commit'],
    [{}, none, 'merge', 'this is a merge commit'],
    [{}, { ...none, concludesPick: true }, undefined, 'this commit concludes a pick the rebase replays'],
    [{ HUSKY: '1' }, none, 'message', undefined],
    // The sequencer's own commit of a reword, its edit stop's marker ignored as for a person's amend.
    [{ GIT_REFLOG_ACTION: 'rebase (reword)' }, none, undefined, 'git is replaying commits'],
    [{ GIT_REFLOG_ACTION: 'pull --rebase (reword)' }, none, undefined, 'git is replaying commits'],
    [{ GIT_REFLOG_ACTION: 'cherry-pick' }, none, undefined, 'git is replaying commits'],
    [{ GIT_REFLOG_ACTION: 'commit (amend)' }, none, undefined, undefined],
    [{ GIT_REFLOG_ACTION: '' }, none, undefined, undefined],
  ])('%j %j %s → %s', (env, markers, source, expected) => {
    expect(skipReason(env, markers, source)).toBe(expected);
  });
});

describe('foldChain', () => {
  it.each([
    ['pick 1a2b3c Add a\nfixup 4d5e6f fixup! Add a\n', ['1a2b3c', '4d5e6f']],
    ['pick 0f0f0f Before\npick 1a2b3c Add a\nfixup -C 4d5e6f amend! Add a\nsquash 7a7a7a more\n', ['1a2b3c', '4d5e6f', '7a7a7a']],
    ['pick 1a2b3c Add a\nexec make test\nfixup 4d5e6f fixup! Add a\n', ['1a2b3c', '4d5e6f']],
    ['pick 1a2b3c Add a\n', ['1a2b3c']],
    ['', []],
  ])('%j → %j', (done, expected) => {
    expect(foldChain(done)).toEqual(expected);
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

describe('reusedMessageArgv', () => {
  it.each([
    [['git', 'commit', '-C', 'ORIG_HEAD'], 'ORIG_HEAD'],
    [['git', 'commit', '-c', 'ORIG_HEAD'], 'ORIG_HEAD'],
    [['git', 'commit', '-CORIG_HEAD'], 'ORIG_HEAD'],
    [['git', 'commit', '-qC', 'HEAD@{1}'], 'HEAD@{1}'],
    [['git', 'commit', '--reuse-message', 'abc123'], 'abc123'],
    [['git', 'commit', '--reuse-message=abc123'], 'abc123'],
    [['git', 'commit', '--reu=abc123'], 'abc123'],
    [['git', 'commit', '--reedit-message=abc123', '-q'], 'abc123'],
    [['git', 'commit', '-C', 'one', '-C', 'two'], 'two'],
    [['git', 'commit', '-m', '-C x'], undefined],
    [['git', 'commit', '-mfix', '-Cx'], 'x'],
    [['git', 'commit', '--', '-C', 'x'], undefined],
    [['git', 'commit', '--re=x'], undefined],
    [['git', 'commit', '--amend'], undefined],
    [['git', '-C', '/work/repo', 'commit', '-q'], undefined],
    [['git', '-C', '/work/repo', 'commit', '-C', 'HEAD~1'], 'HEAD~1'],
  ])('%j → %s', (argv, expected) => {
    expect(reusedMessageArgv(argv)).toBe(expected);
  });

  it('reads nothing after the first option that takes a value, in a command line split on spaces', () => {
    expect(reusedMessageArgv(['git', 'commit', '-C', 'ORIG_HEAD', '-m', 'x'], { words: true })).toBe('ORIG_HEAD');
    expect(reusedMessageArgv(['git', 'commit', '-m', 'Explain', '-C', 'x'], { words: true })).toBeUndefined();
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
    [['git', 'commit', '-am', '--amend'], false],
    [['git', 'commit', '-mfix', '--amend'], true],
    [['git', 'commit', '--message=Explain', '--amend'], true],
    [['git', 'commit', '--message', '--amend'], false],
    [['git', 'commit', '-m', 'Explain --amend'], false],
    [['git', '-C', '/work/repo', 'commit', '--amend'], true],
    [['git', '-c', 'core.editor=true', 'commit', '-q', '--amend'], true],
    [['git', '--no-pager', 'commit', '--no-edit', '--amend'], true],
  ])('%j → %s', (argv, expected) => {
    expect(isAmendArgv(argv)).toBe(expected);
  });

  // `ps` gives one string: `-m "Explain --amend"` comes back as three words.
  it.each([
    [['git', 'commit', '-m', 'Explain', '--amend'], false],
    [['git', 'commit', '-q', '-F', 'my', '--amend', 'notes.txt'], false],
    [['git', 'commit', '--message=Explain', '--amend', 'usage'], false],
    [['git', 'commit', '-am', 'Document', '--amend'], false],
    [['git', 'commit', '--amend', '-m', 'Reword'], true],
    [['git', 'commit', '--amend', '--no-edit'], true],
    [['git', '-C', '/work/repo', 'commit', '--amend'], true],
  ])('words from ps %j → %s', (argv, expected) => {
    expect(isAmendArgv(argv, { words: true })).toBe(expected);
  });

  it('reads a ps table and walks up to the git process, told by its process name', () => {
    const table = parsePsTable(
      [
        '    1     0 launchd          /sbin/launchd',
        '  400     1 zsh              -zsh',
        '  500   400 git              git commit -m Explain --amend',
        '  501   500 sh               /bin/sh .git/hooks/pre-commit',
        '  502   501 node             node /usr/local/bin/git-session hook pre-commit',
        // An app's bundled git, under a folder with a space; a helper whose name holds one.
        '  600     1 git              /Applications/Some App.app/Contents/git/bin/git commit --amend',
        '  601   600 Some Helper      /Applications/Some App.app/helper --git',
        '',
      ].join('\n'),
    );
    expect(table.get(500)).toEqual({ pid: 500, ppid: 400, argv: ['git', 'commit', '-m', 'Explain', '--amend'], words: true });
    const git = findGitAncestor(502, (pid) => table.get(pid));
    expect(git?.pid).toBe(500);
    expect(isAmendArgv(git!.argv, { words: git!.words ?? false })).toBe(false);
    const bundled = findGitAncestor(601, (pid) => table.get(pid));
    expect(bundled?.argv).toEqual(['git', 'commit', '--amend']);
    expect(isAmendArgv(bundled!.argv, { words: true })).toBe(true);
    // No git among the ancestors, or an unreadable one: nothing found.
    expect(findGitAncestor(400, (pid) => table.get(pid))).toBeUndefined();
    expect(findGitAncestor(999, (pid) => table.get(pid))).toBeUndefined();
  });

  it.each([
    ['git commit --amend', ['git', 'commit', '--amend']],
    ['/usr/bin/git -C /work/git commit --amend', ['git', '-C', '/work/git', 'commit', '--amend']],
    ['/Users/ada/my git tools/bin/git commit -m fix', ['git', 'commit', '-m', 'fix']],
    // An alias comes after the program's path; a word of the message that names git does not end it.
    ['git ci --amend -m tools/git', ['git', 'ci', '--amend', '-m', 'tools/git']],
  ])('git\'s words from the command line %j', (args, argv) => {
    expect(gitArgv(args)).toEqual(argv);
  });

  it('tells git from other processes', () => {
    expect(isGitArgv(['git', 'commit'])).toBe(true);
    expect(isGitArgv(['/usr/lib/git-core/git', 'commit'])).toBe(true);
    expect(isGitArgv(['/bin/sh', '.git/hooks/pre-commit'])).toBe(false);
    expect(isGitArgv(['node', 'git-session'])).toBe(false);
  });
});
