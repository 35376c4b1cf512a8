import { HOOK_FUNCTIONS } from '../hook-lines.js';

/**
 * The per-clone git config git-session needs: `git config --local` entries that are
 * not cloned with the repository, so `init` writes them for the person who runs it
 * and `git session setup` (run by `npm install`'s prepare script) for every clone.
 */

/**
 * The clean/smudge filter pair `.gitattributes` gives the session file. Defined here,
 * not beside the filter itself: the commit hook checks these keys on every commit and
 * must not load the markdown parser to name them.
 */
export const PRIVATE_FILTER = 'git-session-private';
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
// Finds the binary as the hooks do, and forgets it when node is not on PATH (a desktop
// git client): every install of it (npm's link, pnpm's sh wrapper) runs node, and run
// without, it would fail where the fallback after it keeps everything. Plain sh, no
// single quote: it goes inside `sh -c '…'`.
const FIND_BINARY =
  'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=$(command -v git-session) || gs=; ' +
  'command -v node >/dev/null 2>&1 || gs=; ';

export function driverCommand(kind: DriverKind): string {
  const fallback = kind === 'journal' ? 'git merge-file --union' : 'git merge-file';
  const script =
    FIND_BINARY +
    'if [ -n "$gs" ]; then exec "$gs" merge-driver "$@"; fi; ' +
    'echo "git-session: not found, so $6 was merged line by line (fix: npm install, or npm i -D git-session)" >&2; ' +
    `exec ${fallback} -L ours -L base -L theirs "$3" "$2" "$4"`;
  return `sh -c '${script}' git-session-merge ${kind} %O %A %B %L %P`;
}

/**
 * The shell command git runs for the private filter (`.gitattributes`
 * `filter=git-session-private`), finding the binary as the hooks do. Without one,
 * smudge passes the file through, and clean stages a file holding no private text
 * exactly as the binary would (a `## Private` section's blank lines and comments
 * dropped: otherwise git, comparing the work tree through this filter, would see the
 * file as changed and refuse merges and checkouts over it); a file with private text
 * (in a `## Private` section or a `<!-- private -->` region) makes it fail, and git
 * refuses to stage the file rather than let private text in.
 */
export function filterCommand(mode: 'clean' | 'smudge'): string {
  // A heading whose first word names something private (any level, any case, emphasis,
  // emoji or accents around it: `## 🔒 *Private* notes`, `Personal` over dashes) opens a
  // private section until a heading of its level or above. A private marker in any
  // case, also one split after `<!--`, a line within such a section, a character
  // reference in a heading (the parser would decode it) or a lone carriage return (lines
  // this reading cannot tell apart) makes it refuse. Without the binary a false refusal
  // costs an install, a miss would put private text in history.
  const check =
    'exec awk "function named(t) { t = tolower(t); gsub(/[^a-z ]/, \\"\\", t); sub(/^ +/, \\"\\", t); sub(/ .*/, \\"\\", t); ' +
    'return t == \\"private\\" || t == \\"personal\\" || t == \\"priv\\" || t == \\"privado\\" || t == \\"privat\\" } ' +
    '{ low = tolower(\\$0) } ' +
    'low ~ /<!--[ \\t]*private/ || (open && low ~ /^[ \\t]*private/) || /\\r./ { bad = 1 } ' +
    '{ open = (low ~ /<!--[ \\t]*\\$/) } ' +
    '/^ ? ? ?#+([ \\t]|\\$)/ { match(\\$0, /#+/); lvl = RLENGTH; if (sec && lvl > slvl) { bad = 1; next } ' +
    'if (low ~ /&[#a-z0-9]+;/) bad = 1; t = \\$0; sub(/^ *#+/, \\"\\", t); ' +
    'sec = 0; if (named(t)) { sec = 1; slvl = lvl } l[++n] = \\$0; prev = \\"\\"; next } ' +
    '/^ ? ? ?(=+|-+)[ \\t\\r]*\\$/ && prev != \\"\\" { lvl = (\\$0 ~ /=/) ? 1 : 2; ' +
    'if (prev ~ /&[#a-zA-Z0-9]+;/) bad = 1; if (named(prev)) { sec = 1; slvl = lvl } l[++n] = \\$0; prev = \\"\\"; next } ' +
    'sec { if (\\$0 !~ /^[ \\t\\r]*\\$/ && \\$0 !~ /^[ \\t]*<!--.*-->[ \\t\\r]*\\$/) bad = 1; next } ' +
    '{ l[++n] = \\$0; prev = (\\$0 ~ /^[ \\t\\r]*\\$/) ? \\"\\" : \\$0 } ' +
    'END { if (bad) { print \\"git-session: cannot run here (not installed, or node not on the PATH git runs it with), and SESSION.md holds private text, so it is not staged (fix: npm install, or make node reachable from that PATH)\\" > \\"/dev/stderr\\"; exit 1 } ' +
    'for (i = 1; i <= n; i++) print l[i] }"';
  const fallback = mode === 'clean' ? check : 'exec cat';
  const script =
    // The project's copy: its functions answer a text cleaned before without node (127:
    // no binary to run, and git's pipe unread, so what follows does without one).
    `h=${HOOK_FUNCTIONS}; if [ -f "$h" ]; then . "$h"; git_session_filter ${mode} "$1"; s=$?; [ $s = 127 ] || exit $s; fi; ` +
    FIND_BINARY +
    `if [ -n "$gs" ]; then exec "$gs" filter ${mode} "$1"; fi; ${fallback}`;
  return `sh -c '${script}' git-session-filter %f`;
}

/** Every per-clone config entry, key to value, in the order they are written. */
export function perCloneConfig(): Record<string, string> {
  return {
    [`merge.${SESSION_DRIVER}.name`]: 'git-session: the session file, section by section',
    [`merge.${SESSION_DRIVER}.driver`]: driverCommand('session'),
    [`merge.${JOURNAL_DRIVER}.name`]: 'git-session: journal entries, each kept whole',
    [`merge.${JOURNAL_DRIVER}.driver`]: driverCommand('journal'),
    [`filter.${PRIVATE_FILTER}.clean`]: filterCommand('clean'),
    [`filter.${PRIVATE_FILTER}.smudge`]: filterCommand('smudge'),
    // Required: a filter that fails must stop `git add`, never pass the file through.
    [`filter.${PRIVATE_FILTER}.required`]: 'true',
  };
}
