import { renderEntry } from '../journal/entry.js';

/**
 * The commit shortcut: most commits change code and leave the session file alone, and
 * for those the journal entry is this commit's files and times around text the commit
 * before already knew (the goal, the status, who commits on which branch). The binary,
 * at the end of such a commit, leaves that text in the state dir as shell assignments;
 * the hook script (`git_session_shortcut` in bin/git-session-hook.sh) checks that the
 * next commit is one like it and writes its entry without starting node. Anything it
 * cannot check in sh sends the commit to the binary, which writes the shortcut again.
 *
 * Everything here decides whether the shortcut can be left at all: a text the script
 * would have to clean, redact or escape (a branch or file name with a secret's shape,
 * a control character, quoting) is left to the binary.
 */
export interface ShortcutInput {
  /** The build that wrote it (the script compares its package's build key). */
  build: string;
  /** HEAD when this commit started: the next one must follow a `commit:` move from it. */
  head: string;
  /** What `git ls-tree HEAD -- .gitattributes .gitsession <session file>` will print once this commit is made. */
  tree: string;
  /** `.gitattributes` is in that tree (a work-tree copy that is not would go unchecked). */
  attributes: boolean;
  /** `git config --get-regexp` of the hook script's settings pattern, as git printed it. */
  config: string;
  sessionFile: string;
  journalTemplate: string;
  /** The journal file this commit's entry went to, and its size in bytes after it. */
  journalFile: string;
  size: number;
  /** The entry's time (the author date), in seconds. */
  epoch: number;
  /** The branch as HEAD names it, and as an entry shows it. */
  branch: string;
  shownBranch: string;
  /** `Name <email>` as git exports it to the hook, and as an entry shows it. */
  author: string;
  shownAuthor: string;
  goal: string | null;
  status: string | null;
  /** Changed lines at which a commit that leaves the session file alone is stale; undefined when it never is. */
  threshold: number | undefined;
  /** The session file's key files (normalised, globs as git-session reads them): a commit touching one is stale. */
  keyFiles: readonly string[];
}

/** The two files the script reads: the fixed text (sourced) and where the last entry went (read line by line). */
export interface Shortcut {
  script: string;
  last: string;
}

/** A name the script handles as it is: no quoting, cleaning or redaction could change it. */
const PLAIN = /^[A-Za-z0-9._/+,=@~-]+$/;
/** A key file entry the script matches with `case` (`*` and `?` match more there, never less). */
const PLAIN_KEY = /^[A-Za-z0-9._/+,=@~*?-]+$/;
const ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** A build key as dist/build-key holds it, which the script compares as it reads it. */
const BUILD = /^[A-Za-z0-9.+_-]+$/;
/** Printable text on one line: what the script can compare with git's variables as is. */
const ONE_LINE = /^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$/;

/**
 * A key file as a `case` pattern that matches every path git-session's own reading
 * matches (see touchedKeyFiles), and perhaps more (the script then leaves the commit to
 * the binary): there `**` and a `**\/` take any prefix, an empty one too, and `*` stays
 * within a folder, while a `case` `*` takes any text.
 */
function caseKey(key: string): string {
  return key.replaceAll('**/', '*').replaceAll('**', '*');
}

/** Single-quoted for sh: nothing inside is expanded. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const json = (text: string): string => JSON.stringify(text).slice(1, -1);

/** The shortcut for the commit after this one, or undefined when the script could not write that commit's entry alike. */
export function commitShortcut(i: ShortcutInput): Shortcut | undefined {
  const template = i.journalTemplate.replaceAll('{year}', 'Y').replaceAll('{week}', 'W');
  const plain =
    ID.test(i.head) &&
    PLAIN.test(i.sessionFile) &&
    !i.sessionFile.includes('/') &&
    PLAIN.test(template) &&
    PLAIN.test(i.journalFile) &&
    PLAIN.test(i.branch) &&
    i.branch === i.shownBranch &&
    ONE_LINE.test(i.author) &&
    i.author === i.shownAuthor &&
    i.keyFiles.every((k) => PLAIN_KEY.test(k)) &&
    BUILD.test(i.build);
  if (!plain) return undefined;
  const { suffix, body } = entryLines(i.branch, i.author, { goal: i.goal, status: i.status, decisions: [], deadEnds: [] });
  const script = assignments('gs_k', 'the next commit', [
    ['build', i.build],
    ['tree', i.tree],
    ['attributes', i.attributes ? 1 : 0],
    ['config', i.config],
    ['session', i.sessionFile],
    ['journal', i.journalTemplate],
    ['branch', i.branch],
    ['author', i.author],
    ['suffix', suffix],
    ['suffix_json', json(suffix)],
    ['suffix_bytes', bytes(suffix)],
    ['body', body],
    ['body_json', json(body)],
    ['body_bytes', bytes(body)],
    // Never reached: no commit changes this many lines.
    ['threshold', i.threshold ?? 2 ** 31 - 1],
    ['keys', i.keyFiles.map(caseKey).join('\n')],
  ]);
  // Where the last entry went: the script rewrites this file after each entry it writes itself.
  return { script, last: `${i.head}\n${i.epoch}\n${i.size}\n${i.journalFile}\n` };
}

/** The shortcut's text for the commit after one that changes the session file to `blob`, with the goal, status and key files that text holds. */
export function shortcutAfter(i: ShortcutInput, blob: string, session: Pick<ShortcutInput, 'goal' | 'status' | 'keyFiles' | 'threshold'>): string | undefined {
  const lines = i.tree.split('\n');
  const at = lines.findIndex((l) => l.endsWith(`\t${i.sessionFile}`));
  if (at < 0 || !ID.test(blob)) return undefined;
  lines[at] = lines[at]!.replace(/ blob [0-9a-f]+\t/, ` blob ${blob}\t`);
  return commitShortcut({ ...i, ...session, tree: lines.join('\n') })?.script;
}

/** What a command that wrote the session file leaves for the commit that stages it (see stagedShortcut). */
export interface StagedShortcutInput {
  build: string;
  /** HEAD, and its session file's blob, when the command wrote: the commit must be made on them. */
  head: string;
  base: string;
  /** The blob git will stage for the text the command wrote. */
  blob: string;
  goal: string | null;
  status: string | null;
  /** What the commit adds, as its journal entry lists it (reasons joined). */
  decisions: readonly string[];
  deadEnds: readonly string[];
}

/**
 * The shortcut for the commit that stages what a record command wrote (`decide`): the
 * entry's lines before the files, as the binary would plan them for that commit. The
 * script uses it only with the shortcut the commit before left, and only when the
 * staged session file is this very blob on this very base.
 */
export function stagedShortcut(i: StagedShortcutInput): string | undefined {
  if (![i.head, i.base, i.blob].every((id) => ID.test(id)) || !BUILD.test(i.build)) return undefined;
  const { body } = entryLines('b', 'a', i);
  return assignments('gs_o', 'the commit that stages what it recorded', [
    ['build', i.build],
    ['head', i.head],
    ['base', i.base],
    ['blob', i.blob],
    ['body', body],
    ['body_json', json(body)],
    ['body_bytes', bytes(body)],
  ]);
}

/**
 * An entry as the binary renders it (renderEntry), with a stand-in time and no files:
 * the heading after its time, and the lines before the files.
 */
function entryLines(
  branch: string,
  author: string,
  e: { goal: string | null; status: string | null; decisions: readonly string[]; deadEnds: readonly string[] },
): { suffix: string; body: string } {
  const rendered = renderEntry({
    time: 'T',
    kind: 'commit',
    branch,
    author,
    ...(e.goal ? { goal: e.goal } : {}),
    ...(e.status ? { status: e.status } : {}),
    decisions: [...e.decisions],
    deadEnds: [...e.deadEnds],
    files: [],
  });
  const heading = rendered.slice(0, rendered.indexOf('\n'));
  return { suffix: heading.slice('### T'.length), body: rendered.slice(heading.length + 1) };
}

/** Shell assignments of `<prefix>_<name>`, for the script to source, ending with `<prefix>_end=1`: a file cut short never sets it. */
function assignments(prefix: string, forWhat: string, vars: readonly [string, string | number][]): string {
  return (
    `# Written by git-session for ${forWhat} (see git_session_shortcut); never edited by hand.\n` +
    vars.map(([k, v]) => `${prefix}_${k}=${typeof v === 'number' ? v : quote(v)}\n`).join('') +
    `${prefix}_end=1\n`
  );
}
