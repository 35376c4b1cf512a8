/**
 * Config lines for hook managers that own the hook files (lefthook, pre-commit):
 * git-session prints them instead of editing hooks under another tool.
 */
const LEFTHOOK = `pre-commit:
  commands:
    git-session:
      run: git-session hook pre-commit
prepare-commit-msg:
  commands:
    git-session:
      run: git-session hook prepare-commit-msg {1} {2} {3}
commit-msg:
  commands:
    git-session:
      run: git-session hook commit-msg {1}`;

// pre-commit passes no message file when pass_filenames is false, and gives the
// source and commit as environment variables: rebuild git's own arguments.
const PRE_COMMIT = `repos:
  - repo: local
    hooks:
      - id: git-session
        name: git-session
        entry: git-session hook pre-commit
        language: system
        always_run: true
        pass_filenames: false
        stages: [pre-commit]
      - id: git-session-message
        name: git-session (commit message)
        entry: sh -c 'git-session hook prepare-commit-msg "$(git rev-parse --git-path COMMIT_EDITMSG)" "$PRE_COMMIT_COMMIT_MSG_SOURCE" "$PRE_COMMIT_COMMIT_OBJECT_NAME"'
        language: system
        always_run: true
        pass_filenames: false
        stages: [prepare-commit-msg]
      - id: git-session-empty-message
        name: git-session (empty message check)
        entry: sh -c 'git-session hook commit-msg "$(git rev-parse --git-path COMMIT_EDITMSG)"'
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

/** The note telling the user which lines to add to their hook manager's config. */
export function hookManagerSnippet(kind: 'lefthook' | 'pre-commit', configFile: string): string {
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
    '(under the existing `repos:` list), then run',
    '`pre-commit install --hook-type pre-commit --hook-type prepare-commit-msg --hook-type commit-msg`:',
    '',
    indent(PRE_COMMIT),
  ].join('\n');
}
