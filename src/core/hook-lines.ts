/**
 * The lines git-session puts into git hooks, between marker comments so that
 * `uninstall` removes exactly them. Each is one line of POSIX sh that hands off to the
 * package's hook functions (`bin/git-session-hook.sh`), so the protocol between git,
 * the functions and the binary ships with the package: upgrading it upgrades every
 * hook, and nothing of it is committed into a repository. The line prefers the
 * repository's own node_modules copy and lets the commit through with a one-line
 * fix-it message when neither copy is found. It never starts npx (~300 ms on every
 * commit).
 */

export const HOOK_START = '# git-session:start';
export const HOOK_END = '# git-session:end';

/** The hooks git-session installs. */
export const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** The hook script's name, beside the binary in `node_modules/.bin` or on PATH. */
export const HOOK_SCRIPT = 'git-session-hook';

const MISSING =
  'echo "git-session: not found, so this commit skips session capture (fix: npm i -D git-session, or: git session uninstall)" >&2';

/**
 * Where pre-commit leaves the trailers for prepare-commit-msg, in the state dir: named
 * after the commit in progress (`GIT_SESSION_COMMIT`, the git process's pid and start
 * time as the hook script finds them), so a commit that died between the two hooks
 * never hands its trailers to a later one. Hook lines of earlier versions call the
 * binary without the script and know only the author date (`@<seconds>`).
 */
export function handOffName(env: Readonly<Record<string, string | undefined>>): string {
  const commit = env.GIT_SESSION_COMMIT;
  if (commit && /^[\w@.+-]+$/.test(commit)) return `hand-off-${commit}`;
  return `hand-off${(env.GIT_AUTHOR_DATE ?? '').split(' ')[0]}`;
}

/**
 * What prepare-commit-msg leaves for commit-msg, relative to the git dir, when it wove
 * trailers into the empty message of an editor commit: the trailers, NUL-separated.
 */
export const WOVEN = 'git-session/woven';

/**
 * The hook functions' file in the project's copy of the package, relative to the top of
 * the work tree (where git runs hooks). Sourced, not run: a script run as a program
 * costs each of a commit's three hooks another shell. Only this path is sourced, never a
 * file found on PATH or in node_modules/.bin: a package manager may put a wrapper there
 * (pnpm's, npm's on Windows) that execs, and sourcing it would end the person's own
 * hook. A global install is run as a program (`git-session-hook`) instead.
 */
export const HOOK_FUNCTIONS = `node_modules/git-session/bin/${HOOK_SCRIPT}.sh`;

/**
 * One sh command that runs git-session's hook `call` (its name and arguments): the
 * project's copy sourced, else the hook script on PATH, else `missing` (a fix-it line,
 * or nothing). No `$(...)`: a command substitution forks a shell, and this runs in every
 * hook of every commit. It also goes into hook managers' YAML, so it holds no `: ` and
 * no ` #`.
 */
export function hookCommand(call: string, missing = ''): string {
  // Said only where the hook functions would have run: never under GIT_SESSION=0, nor in
  // a repository that never ran init (a global core.hooksPath reaches those too). HUSKY=0
  // is husky's to honour: its runner then starts no hook at all.
  const otherwise = missing ? `else [ "\${GIT_SESSION:-}" = 0 ] || [ ! -f .gitsession ] || ${missing}; ` : '';
  return `h=${HOOK_FUNCTIONS}; if [ -f "$h" ]; then . "$h"; git_session_hook ${call}; elif command -v ${HOOK_SCRIPT} >/dev/null; then ${HOOK_SCRIPT} ${call}; ${otherwise}fi`;
}

/** The one line of a hook's body: a failing hook fails the commit (strict mode's refusal). */
export function hookLine(name: HookName): string {
  // Only pre-commit speaks when the script is missing: the other two would repeat it.
  return `${hookCommand(`${name} "$@"`, name === 'pre-commit' ? MISSING : '')} || exit $?`;
}

/** The marked block for a hook, without a trailing newline. */
export function hookBlock(name: HookName): string {
  return `${HOOK_START}\n${hookLine(name)}\n${HOOK_END}`;
}
