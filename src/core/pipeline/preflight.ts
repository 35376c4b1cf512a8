import { perCloneConfig } from '../clone/config.js';

/**
 * What the hook script (`bin/git-session-hook`, its `preflight` function) gathers with
 * git before the binary starts, and pipes into it: git's own start-up is ~1 ms from sh, but each call from node costs several,
 * and run in the pipe they overlap node's start-up instead of following it. The binary
 * reads it when its stdin is that pipe (git gives hooks /dev/null otherwise, as with a
 * hook line from an older version) and falls back to asking git itself when anything
 * is missing or unexpected.
 */

/**
 * First line of the piped text. Version 2 (the hook script) starts with git's answer
 * about core.autocrlf and core.sparseCheckout; version 1 (hook lines of earlier
 * versions) has no such part. Any other first line is ignored.
 */
export const PREFLIGHT_HEADER = 'git-session-preflight 2';
const PREFLIGHT_HEADER_V1 = 'git-session-preflight 1';
/** Last bytes, written only when the diff completed, so a cut-off text is never trusted. */
export const PREFLIGHT_END = 'git-session-preflight-end';
/** The argument with which the hook line tells the binary that its stdin is this text. */
export const PREFLIGHT_FLAG = '--preflight';
/** What the binary prints on stdout for the hook line to `git add` (the line stages it from sh, cheaper than from node). */
export const STAGE_PREFIX = 'git-session add ';

export interface RawChange {
  /** Blob id before (at HEAD); undefined for an added file. */
  before: string | undefined;
  /** Blob id staged; undefined for a deleted file. */
  after: string | undefined;
  /** Mode staged (`100644`, `100755`, `120000`); undefined for a deleted file. */
  mode?: string | undefined;
}

export interface Preflight {
  root: string;
  gitDir: string;
  stateDir: string;
  /** HEAD's commit id; undefined before the first commit. */
  head: string | undefined;
  /** The files at the top of HEAD's tree: blob id and mode. */
  topBlobs: Map<string, { id: string; mode: string }>;
  /** Staged changes by path (a rename under both its paths). */
  changes: Map<string, RawChange>;
  /** The `--numstat -z` part, for parseNumstat. */
  numstat: string;
  /** The settings that decide how a new journal file is written; undefined from a version 1 line. */
  gitSettings?: GitSettings;
  /** Whether HEAD's message says it reverts a commit (see REVERT_GREP); undefined from a version 1 line, which does not ask. */
  headReverts?: boolean;
}

/**
 * The settings that change what the hooks write: line endings and sparse checkouts
 * (for a journal file about to be created), the encoding of commit messages, and
 * whether this clone has the merge drivers and the private filter at all.
 */
export interface GitSettings {
  autocrlf: boolean;
  sparse: boolean;
  /** `i18n.commitEncoding`; undefined for git's default, UTF-8. */
  commitEncoding?: string;
  /** The per-clone config keys (see perCloneConfig) git knows no value for, in no scope. */
  missingCloneConfig: string[];
  /** git's answer as it printed it, trailing newlines taken off (the hook script's shortcut compares it). */
  text: string;
}

/**
 * What `git config --get-regexp` is asked for them (the hook script asks the same):
 * the per-clone keys ride along so that a clone without them costs no git call to notice.
 */
export const GIT_SETTINGS_PATTERN =
  '^(core\\.(autocrlf|sparsecheckout)|i18n\\.commitencoding|merge\\.git-session(-journal)?\\.(name|driver)|filter\\.git-session-private\\.(clean|smudge|required))$';

/** Reads `git config --get-regexp GIT_SETTINGS_PATTERN` output. */
export function parseGitSettings(text: string): GitSettings {
  const encoding = /^i18n\.commitencoding (.+)$/im.exec(text)?.[1]?.trim();
  const keys = new Set(text.split('\n').map((line) => line.split(' ', 1)[0]!.toLowerCase()));
  return {
    autocrlf: /^core\.autocrlf true$/im.test(text),
    sparse: /^core\.sparsecheckout true$/im.test(text),
    ...(encoding && !/^utf-?8$/i.test(encoding) ? { commitEncoding: encoding } : {}),
    missingCloneConfig: Object.keys(perCloneConfig()).filter((key) => !keys.has(key.toLowerCase())),
    text: text.replace(/\n+$/, ''),
  };
}

/** Node's name for a message encoding git may be set to, when Node can write it; undefined for UTF-8 or one it cannot. */
export function messageEncoding(name: string | undefined): 'latin1' | undefined {
  return name && /^(latin-?1|iso-?8859-?1|l1|cp819)$/i.test(name) ? 'latin1' : undefined;
}

/**
 * What `git rev-list --no-walk --grep` is asked about HEAD (the hook script asks the
 * same): a revert's message. HEAD is listed only when it is one, and only then does
 * the commit read the journal's history (a revert of the last commit drops its entry).
 */
export const REVERT_GREP = '^This reverts commit [0-9a-f]\\{40\\}';

const ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const NO_ID = /^0+$/;

/** Parses the piped text; undefined unless every part is there and well formed. */
export function parsePreflight(text: string): Preflight | undefined {
  const v2 = text.startsWith(PREFLIGHT_HEADER + '\n');
  if ((!v2 && !text.startsWith(PREFLIGHT_HEADER_V1 + '\n')) || !text.endsWith(PREFLIGHT_END)) return undefined;
  let body = text.slice(PREFLIGHT_HEADER.length + 1, text.length - PREFLIGHT_END.length);
  let gitSettings: GitSettings | undefined;
  if (v2) {
    const end = body.indexOf('\0');
    if (end < 0) return undefined;
    gitSettings = parseGitSettings(body.slice(0, end));
    body = body.slice(end + 1);
  }
  const first = body.indexOf('\0');
  if (first < 0) return undefined;
  const lines = body.slice(0, first).split('\n');
  // After the layout and HEAD, HEAD once more when its message says it reverts a commit.
  const [root, gitDir, stateDir, headLine, revertLine] = lines;
  if (!root || (!root.startsWith('/') && !/^[A-Za-z]:/.test(root))) return undefined;
  if (!gitDir || !stateDir) return undefined;
  const head = headLine && ID.test(headLine) ? headLine : undefined;

  // The tree part: NUL-terminated `<mode> <type> <id>\t<name>` records, then an empty record.
  const topBlobs = new Map<string, { id: string; mode: string }>();
  let at = first + 1;
  for (;;) {
    const end = body.indexOf('\0', at);
    if (end < 0) return undefined;
    const record = body.slice(at, end);
    at = end + 1;
    if (record === '') break;
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t([\s\S]+)$/.exec(record);
    if (m && m[2] === 'blob') topBlobs.set(m[4]!, { id: m[3]!, mode: m[1]! });
  }

  // The diff part: `--raw -z` records (`:<modes> <ids> <status>\0<path>\0[<path>\0]`), then `--numstat -z`.
  const fields = body.slice(at).split('\0');
  const changes = new Map<string, RawChange>();
  let i = 0;
  while (i < fields.length && fields[i]!.startsWith(':')) {
    // Full ids only: an abbreviated one (a line without --no-abbrev) would never match a blob id.
    const m = /^:\d+ (\d+) ([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9a-f]{40}(?:[0-9a-f]{24})?) ([A-Z])\d*$/.exec(fields[i]!);
    if (!m) return undefined;
    const two = m[4] === 'R' || m[4] === 'C';
    const before = NO_ID.test(m[2]!) ? undefined : m[2];
    const after = NO_ID.test(m[3]!) ? undefined : m[3];
    const mode = after === undefined ? undefined : m[1];
    const from = fields[i + 1] ?? '';
    if (!two) {
      changes.set(from, { before, after, mode });
    } else {
      // A copy leaves its source as it is (listed on its own if it changed too); a
      // rename removes it. Either way the destination is new.
      if (m[4] === 'R' && !changes.has(from)) changes.set(from, { before, after: undefined });
      changes.set(fields[i + 2] ?? '', { before: undefined, after, mode });
    }
    i += two ? 3 : 2;
  }
  const headReverts = v2 ? head !== undefined && revertLine === head : undefined;
  return {
    root,
    gitDir,
    stateDir,
    head,
    topBlobs,
    changes,
    numstat: fields.slice(i).join('\0'),
    ...(gitSettings ? { gitSettings } : {}),
    ...(headReverts !== undefined ? { headReverts } : {}),
  };
}

/**
 * The staged and HEAD blob ids of `path` from the piped text, or undefined when it
 * cannot tell (a path below the top level that the commit does not change).
 */
export function sessionBlobs(
  p: Preflight,
  path: string,
): { staged: string | undefined; base: string | undefined; mode: string | undefined } | undefined {
  const change = p.changes.get(path);
  if (change) return { staged: change.after, base: change.before, mode: change.mode };
  if (path.includes('/')) return undefined;
  // Unchanged: what is staged is what HEAD has.
  const top = p.topBlobs.get(path);
  return { staged: top?.id, base: top?.id, mode: top?.mode };
}

/**
 * Text that latin1 can hold, for a message git stores in that encoding: the dashes of
 * our `what — why` become ASCII (`-`), any other character it cannot hold becomes `?`.
 */
export function latin1Text(text: string): string {
  return text.replace(/[\u2012-\u2015]/g, '-').replace(/[^\u0000-\u00ff]/g, '?');
}
