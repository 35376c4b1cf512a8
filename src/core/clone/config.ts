/**
 * The per-clone git config git-session needs: `git config --local` entries that are
 * not cloned with the repository, so `init` writes them for the person who runs it
 * and `git session setup` (run by `npm install`'s prepare script) for every clone.
 */

/** The merge driver named by `.gitattributes` for the session file. */
export const SESSION_DRIVER = 'git-session';
/** The merge driver named by `.gitattributes` for the journal files. */
export const JOURNAL_DRIVER = 'git-session-journal';

export type DriverKind = 'session' | 'journal';

/**
 * The shell command git runs for a merge driver. It finds the binary as the hooks do
 * (the repository's node_modules copy, else the one on PATH; git runs drivers from the
 * top of the work tree). Without one, git's own line merge runs instead, with one line
 * on stderr: conflict markers for the session file, both sides' lines for the
 * journal, so nothing is ever lost because the binary is missing.
 */
export function driverCommand(kind: DriverKind): string {
  const fallback = kind === 'journal' ? 'git merge-file --union' : 'git merge-file';
  const script =
    'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=; ' +
    'if [ -n "$gs" ]; then exec "$gs" merge-driver "$@"; fi; ' +
    'echo "git-session: not found, so $6 was merged line by line (fix: npm install, or npm i -D git-session)" >&2; ' +
    `exec ${fallback} -L ours -L base -L theirs "$3" "$2" "$4"`;
  return `sh -c '${script}' git-session-merge ${kind} %O %A %B %L %P`;
}

/** Every per-clone config entry, key to value, in the order they are written. */
export function perCloneConfig(): Record<string, string> {
  return {
    [`merge.${SESSION_DRIVER}.name`]: 'git-session: the session file, section by section',
    [`merge.${SESSION_DRIVER}.driver`]: driverCommand('session'),
    [`merge.${JOURNAL_DRIVER}.name`]: 'git-session: journal entries, each kept whole',
    [`merge.${JOURNAL_DRIVER}.driver`]: driverCommand('journal'),
    // The private-section filter's entries (privateFilterConfig) join this list.
  };
}
