/**
 * Config lines for hook managers that own the hook files (lefthook, pre-commit):
 * git-session prints them instead of editing hooks under another tool. Each command
 * runs the hook the way the installed hooks do (the repository's node_modules copy
 * first: a hook manager does not put node_modules/.bin on PATH), so the same
 * functions, shipped in the package, do the work; it lets the commit through with one
 * line when there is none. No `: ` or ` #` inside: the commands are plain YAML scalars.
 */
import { hookCommand } from '../hook-lines.js';

const MISSING = 'echo "git-session was not found, so this commit skips session capture (fix with npm i -D git-session)" >&2';

/** One sh command line: run git-session's hook when there is a binary; `quiet` hooks say nothing without one. */
function managerCommand(call: string, quiet = false): string {
  return hookCommand(call, quiet ? '' : MISSING);
}

const LEFTHOOK = `pre-commit:
  commands:
    git-session:
      run: ${managerCommand('pre-commit')}
prepare-commit-msg:
  commands:
    git-session:
      run: ${managerCommand('prepare-commit-msg {1} {2} {3}', true)}
commit-msg:
  commands:
    git-session:
      run: ${managerCommand('commit-msg {1}', true)}`;

// pre-commit passes no message file when pass_filenames is false, and gives the
// source and commit as environment variables: rebuild git's own arguments. The stage
// name `commit` is the one pre-commit before 3.2 (Debian's 3.0.4) knows; later
// versions accept it with a warning on every commit and want `pre-commit`.
const MESSAGE_FILE = '"$(git rev-parse --git-path COMMIT_EDITMSG)"';
const preCommitLines = (stage: 'pre-commit' | 'commit') => `repos:
  - repo: local
    hooks:
      - id: git-session
        name: git-session
        entry: sh -c '${managerCommand('pre-commit')}'
        language: system
        always_run: true
        pass_filenames: false
        verbose: true
        stages: [${stage}]
      - id: git-session-message
        name: git-session (commit message)
        entry: sh -c '${managerCommand(`prepare-commit-msg ${MESSAGE_FILE} "$PRE_COMMIT_COMMIT_MSG_SOURCE" "$PRE_COMMIT_COMMIT_OBJECT_NAME"`, true)}'
        language: system
        always_run: true
        pass_filenames: false
        stages: [prepare-commit-msg]
      - id: git-session-empty-message
        name: git-session (empty message check)
        entry: sh -c '${managerCommand(`commit-msg ${MESSAGE_FILE}`, true)}'
        language: system
        always_run: true
        pass_filenames: false
        stages: [commit-msg]`;

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** The config lines alone, as they go into the hook manager's file. */
export function hookManagerLines(kind: 'lefthook' | 'pre-commit', stage: 'pre-commit' | 'commit' = 'commit'): string {
  return kind === 'lefthook' ? LEFTHOOK : preCommitLines(stage);
}

/**
 * The note telling the user which lines to add to their hook manager's config.
 * `stage`: the pre-commit stage name the installed pre-commit takes.
 */
export function hookManagerSnippet(kind: 'lefthook' | 'pre-commit', configFile: string, stage: 'pre-commit' | 'commit' = 'commit'): string {
  if (kind === 'lefthook') {
    return [
      `lefthook runs the hooks here, so no hook file was changed. Add these lines to ${configFile}`,
      `(merge them into existing pre-commit/prepare-commit-msg/commit-msg sections), then run \`lefthook install\`:`,
      '',
      indent(LEFTHOOK),
    ].join('\n');
  }
  return [
    `pre-commit runs the hooks here, so no hook file was changed. Add this local repo to ${configFile}`,
    `(under the existing \`repos:\` list; \`stages: [${stage}]\` is the name ${stage === 'commit' ? 'pre-commit before 3.2 knows: from 3.2 on write pre-commit' : 'pre-commit 3.2 and later use: before 3.2 write commit'}), then run`,
    '`pre-commit install --hook-type pre-commit --hook-type prepare-commit-msg --hook-type commit-msg`:',
    '',
    indent(preCommitLines(stage)),
  ].join('\n');
}
