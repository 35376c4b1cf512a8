/**
 * The lines git-session puts into git hooks, between marker comments so that
 * `uninstall` removes exactly them. Each is one line of POSIX sh that calls the
 * installed binary directly (never npx: it adds ~300 ms to every commit), prefers
 * the repository's own node_modules copy, and lets the commit through with a
 * one-line fix-it message when the binary is missing.
 */
import { PREFLIGHT_COMMANDS, PREFLIGHT_FLAG, STAGE_PREFIX } from './pipeline/preflight.js';

export const HOOK_START = '# git-session:start';
export const HOOK_END = '# git-session:end';

/** The hooks git-session installs. */
export const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const FIND =
  'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=';

const MISSING =
  'echo "git-session: not found, so this commit skips session capture (fix: npm i -D git-session, or run: git session uninstall)" >&2';

/**
 * Where pre-commit leaves the trailers for prepare-commit-msg, relative to the git dir.
 * The name carries the commit's author time (git exports GIT_AUTHOR_DATE to both
 * hooks of one commit), so a file left by a commit that died between the two hooks
 * is not found by a later one.
 */
export const HAND_OFF = 'git-session/hand-off${GIT_AUTHOR_DATE%% *}';

/**
 * What prepare-commit-msg leaves for commit-msg, relative to the git dir, when it wove
 * trailers into the empty message of an editor commit: the trailers, NUL-separated.
 */
export const WOVEN = 'git-session/woven';

/** The hand-off file name for an author date as git exports it (`@<seconds> <zone>`): what {@link HAND_OFF} expands to. */
export function handOffName(authorDate: string | undefined): string {
  return `hand-off${(authorDate ?? '').split(' ')[0]}`;
}

/** The one line of a hook's body. */
export function hookLine(name: HookName): string {
  if (name === 'prepare-commit-msg') {
    // COMMIT_EDITMSG ($1) sits in the git dir, so the hand-off is found without asking git.
    // -m/-F/-C/--amend: git weaves the trailers itself (the file holds NUL-separated
    // `git interpret-trailers` arguments), so the commit costs one node start, not two.
    // An editor commit or a squash calls the binary (it also fixes the blank line above
    // the trailers of an empty message); a merge records nothing.
    return (
      `f="\${1%/*}/${HAND_OFF}"; case "$2" in merge) ;; ` +
      `message|commit) if [ -s "$f" ]; then xargs -0 git interpret-trailers --in-place --no-divider --if-exists addIfDifferent "$1" < "$f" && rm -f "$f" || exit $?; fi ;; ` +
      `*) if [ "$2" = squash ] || [ -s "$f" ]; then ${FIND}; if [ -n "$gs" ]; then "$gs" hook prepare-commit-msg "$@" || exit $?; fi; fi ;; esac`
    );
  }
  if (name === 'commit-msg') {
    // Starts the binary only after an editor commit whose empty message got trailers.
    return `if [ -f "\${1%/*}/${WOVEN}" ]; then ${FIND}; if [ -n "$gs" ]; then "$gs" hook commit-msg "$@" || exit $?; fi; fi`;
  }
  // A pre-commit hook that fails after ours wrote the hand-off (a later line, or ours
  // refusing) removes it, so no later commit weaves trailers it did not earn.
  const cleanup = `trap '[ $? = 0 ] || rm -f "$(git rev-parse --git-path "${HAND_OFF}")"' EXIT`;
  // The git queries run in a pipe alongside node's start-up, and the journal entry is
  // staged from sh afterwards: node then starts no process on a commit with nothing to ask.
  const run =
    `s=$(${PREFLIGHT_COMMANDS} | "$gs" hook ${name} ${PREFLIGHT_FLAG} "$@") || exit $?; ` +
    // A journal path git refuses to add (ignored, outside a sparse checkout) costs the entry, not the commit.
    `case "$s" in "${STAGE_PREFIX}"*) p="\${s#${STAGE_PREFIX}}"; git add -- "$p" 2>/dev/null || ` +
    `echo "git-session: journal entry skipped: git could not add $p (git add -- '$p' says why)" >&2;; esac`;
  return `${cleanup}; ${FIND}; if [ -n "$gs" ]; then ${run}; else ${MISSING}; fi`;
}

/** The marked block for a hook, without a trailing newline. */
export function hookBlock(name: HookName): string {
  return `${HOOK_START}\n${hookLine(name)}\n${HOOK_END}`;
}
