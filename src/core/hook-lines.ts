/**
 * The lines git-session puts into git hooks, between marker comments so that
 * `uninstall` removes exactly them. Each is one line of POSIX sh that calls the
 * installed binary directly (never npx: it adds ~300 ms to every commit), prefers
 * the repository's own node_modules copy, and lets the commit through with a
 * one-line fix-it message when the binary is missing.
 */
export const HOOK_START = '# git-session:start';
export const HOOK_END = '# git-session:end';

/** The hooks git-session installs. */
export const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const FIND =
  'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=';

const MISSING =
  'echo "git-session: not found, so this commit skips session capture (fix: npm i -D git-session, or run: git session uninstall)" >&2';

/** The one line of a hook's body. */
export function hookLine(name: HookName): string {
  if (name === 'prepare-commit-msg') {
    // Node starts only when pre-commit left trailers to weave, or for a squash:
    // a commit with nothing to record pays for one node start, not two.
    return `if [ "$2" = squash ] || [ -s "$(git rev-parse --git-path git-session/trailers)" ]; then ${FIND}; if [ -n "$gs" ]; then "$gs" hook prepare-commit-msg "$@" || exit $?; fi; fi`;
  }
  return `${FIND}; if [ -n "$gs" ]; then "$gs" hook ${name} "$@" || exit $?; else ${MISSING}; fi`;
}

/** The marked block for a hook, without a trailing newline. */
export function hookBlock(name: HookName): string {
  return `${HOOK_START}\n${hookLine(name)}\n${HOOK_END}`;
}
