import { ExitCode, GitSessionError } from '../errors.js';

/** How insistently to ask for the session state to be updated. */
export type PromptMode = 'off' | 'remind' | 'strict';

/** The team's settings, from `.gitsession` (git-config syntax) at the repository root. */
export interface Config {
  /** Path of the session file, relative to the repository root. */
  sessionFile: string;
  /** Headings of the sections `git session new` carries into the next session. */
  keepSections: string[];
  prompt: {
    mode: PromptMode;
    /** Changed lines (added + removed) from which a commit counts as substantial. */
    threshold: number;
  };
  journal: {
    enabled: boolean;
    /** Path template; `{year}` is the ISO week-numbering year, `{week}` the two-digit ISO week. */
    path: string;
  };
  trailers: {
    decision: string;
    deadEnd: string;
    /** Add a `Session:` trailer naming the session's goal. Off unless the team turns it on. */
    session: boolean;
  };
  assistant: {
    /** What the Claude Code Stop hook does when code changed but SESSION.md did not. */
    stopMode: PromptMode;
    /** Tokens (characters / 4) the edit-time hook and `decisions_for_path` may use for one file. */
    editBudget: number;
  };
  /**
   * Keys this version does not know, with their lines: ignored, so that a newer setting
   * does not break an older binary, but said, as a misspelt one changes nothing.
   */
  unknown?: { key: string; line: number }[];
}

export const CONFIG_FILE = '.gitsession';

/** The prompt mode of a commit: `GIT_SESSION_MODE` (any case) when it names one, else the configured one. */
export function promptModeOf(env: Readonly<Record<string, string | undefined>>, configured: PromptMode): PromptMode {
  const v = env.GIT_SESSION_MODE?.toLowerCase();
  return v === 'off' || v === 'remind' || v === 'strict' ? v : configured;
}

/**
 * One line when `GIT_SESSION_MODE` is set to no mode (a typo would silently undo strict
 * mode), or undefined. It quotes `shown`, the value as it may be printed: the caller
 * cleans it and redacts it (a token pasted into the wrong variable).
 */
export function modeVariableNote(env: Readonly<Record<string, string | undefined>>, configured: PromptMode, shown = env.GIT_SESSION_MODE ?? ''): string | undefined {
  const v = env.GIT_SESSION_MODE;
  if (v === undefined || v === '' || promptModeOf(env, configured) !== configured || ['off', 'remind', 'strict'].includes(v.toLowerCase())) return undefined;
  return `GIT_SESSION_MODE=${JSON.stringify(shown.slice(0, 40))} is not a mode and is ignored: this commit used ${configured} from the settings (set it to off, remind or strict).`;
}

/** One line saying which keys of the settings file this version ignores, and what to do. */
export function unknownSettingsNote(config: Config, file = CONFIG_FILE): string | undefined {
  const unknown = config.unknown ?? [];
  if (unknown.length === 0) return undefined;
  const list = unknown.map((u) => `${u.key} (line ${u.line})`).join(', ');
  return `${file}: ${unknown.length === 1 ? 'this setting is' : 'these settings are'} not known to this version of git-session and ignored: ${list}; check the spelling (the README lists the settings).`;
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  sessionFile: 'SESSION.md',
  keepSections: Object.freeze(['Key Files', 'Gotchas', 'Private']) as unknown as string[],
  prompt: Object.freeze({ mode: 'remind', threshold: 20 }),
  journal: Object.freeze({ enabled: true, path: '.session/journal/{year}-W{week}.md' }),
  trailers: Object.freeze({ decision: 'Decision', deadEnd: 'Dead-End', session: false }),
  assistant: Object.freeze({ stopMode: 'remind', editBudget: 800 }),
}) as Readonly<Config>;

/** Keys readers accept as dead ends besides the configured one. */
export const DEAD_END_ALIASES = ['Dead-End', 'Ruled-out', 'Rejected'] as const;

// The same rule formatTrailer enforces: a key that starts with `-` could write a `---` line.
const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * A path inside the repository, as a clean relative path. `.gitsession` is committed
 * and comes with every clone: a path that leaves the work tree would let a cloned
 * repository make the hooks append to any file the user can write.
 */
function repoPath(value: string, key: string, file: string, line: number): string {
  const path = value.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const parts = path.split('/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || parts.includes('..') || parts.includes('.git')) {
    fail(file, line, `${key} "${value}" points outside the work tree (or into .git).`, 'Use a path relative to the repository root, such as SESSION.md or .session/journal/{year}-W{week}.md.');
  }
  return path;
}

function fail(file: string, line: number, problem: string, fix: string): never {
  throw new GitSessionError(ExitCode.BadInput, `line ${line}: ${problem}`, { file, fix });
}

function bool(value: string, file: string, line: number): boolean {
  const v = value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0', ''].includes(v)) return false;
  return fail(file, line, `"${value}" is not a boolean.`, 'Use true or false.');
}

function mode(value: string, file: string, line: number): PromptMode {
  const v = value.toLowerCase();
  if (v === 'off' || v === 'remind' || v === 'strict') return v;
  return fail(file, line, `"${value}" is not a mode.`, 'Use off, remind or strict.');
}

/** What a backslash makes of the character after it, as git reads it; others git refuses. */
const ESCAPED: Record<string, string> = { n: '\n', t: '\t', b: '\b', '\\': '\\', '"': '"' };

/**
 * A value as git reads it, from `raw` (the rest of line `at`, counted from 0) on: quotes
 * taken out, escapes read, a comment dropped, a run of white space outside quotes kept
 * as spaces between words and dropped at the ends, and a backslash at a line's end
 * going on in the next line, as it was (inside quotes too). What git refuses (`bad
 * config line`) is refused, naming the line: a quote left open (read to the end of the
 * line instead, the value would carry its comment) and an unknown escape. Returns the
 * value and the last line it read.
 */
function unquote(lines: readonly string[], at: number, raw: string, file: string): { value: string; last: number } {
  let out = '';
  let quoted = false;
  let spaces = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    // White space as git's own isspace() reads it: a lone carriage return too, not \v or \f.
    if (!quoted && (c === ' ' || c === '\t' || c === '\r')) {
      if (out !== '') spaces += ' ';
      continue;
    }
    if (!quoted && (c === '#' || c === ';')) break;
    out += spaces;
    spaces = '';
    if (c === '"') quoted = !quoted;
    else if (c === '\\') {
      const n = raw[++i];
      if (n === undefined) {
        // The value goes on in the next line; at the end of the file, git ends it there.
        if (at + 1 >= lines.length) break;
        raw = lines[++at]!;
        i = -1;
        continue;
      }
      const meant = ESCAPED[n];
      if (meant === undefined) fail(file, at + 1, `\\${n} is no escape git knows.`, 'Write a backslash as \\\\; the escapes are \\n, \\t, \\b, \\\\ and \\".');
      out += meant;
    } else out += c;
  }
  if (quoted) fail(file, at + 1, 'a double quote in the value is never closed.', 'Close the quote (or escape it as \\"); git itself refuses this line.');
  return { value: out, last: at };
}

/**
 * Parses `.gitsession`, a file in git-config syntax (the subset teams write by hand or
 * with `git config -f .gitsession <key> <value>`). Unknown keys are ignored so that
 * newer settings do not break older binaries, and listed in `unknown`.
 */
export function parseConfig(text: string, file = CONFIG_FILE): Config {
  const config: Config = structuredClone(DEFAULT_CONFIG) as Config;
  let section = '';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      section = header[1]!.toLowerCase();
      continue;
    }
    // Trailing white space is the value's to read: a backslash before it is no line's end.
    // White space as git reads it (see unquote); a lone carriage return is in the value.
    const kv = /^([A-Za-z][A-Za-z0-9-]*)[ \t\r]*(?:=[ \t\r]*(.*))?$/s.exec(lines[i]!.replace(/^[ \t\r]+/, ''));
    if (!kv) fail(file, lineNo, `cannot read "${line}".`, 'Write settings as `key = value` under a [section] header.');
    const key = `${section}.${kv[1]!.toLowerCase()}`;
    let value = 'true';
    if (kv[2] !== undefined) ({ value, last: i } = unquote(lines, i, kv[2], file));
    switch (key) {
      case 'session.file':
        if (!value) fail(file, lineNo, 'session.file is empty.', 'Name the session file, for example SESSION.md.');
        config.sessionFile = repoPath(value, key, file, lineNo);
        break;
      case 'prompt.mode':
        config.prompt.mode = mode(value, file, lineNo);
        break;
      case 'prompt.threshold': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) fail(file, lineNo, `"${value}" is not a whole number of lines.`, 'Use a number such as 20.');
        config.prompt.threshold = n;
        break;
      }
      case 'journal.enabled':
        config.journal.enabled = bool(value, file, lineNo);
        break;
      case 'journal.path':
        if (!value) fail(file, lineNo, 'journal.path is empty.', 'Use a path such as .session/journal/{year}-W{week}.md, or set journal.enabled = false.');
        config.journal.path = repoPath(value, key, file, lineNo);
        break;
      case 'trailers.decision':
      case 'trailers.dead-end':
        if (!TRAILER_KEY.test(value)) {
          fail(file, lineNo, `"${value}" cannot be a trailer key.`, 'Git trailer keys use only ASCII letters, digits and "-".');
        }
        if (key === 'trailers.decision') config.trailers.decision = value;
        else config.trailers.deadEnd = value;
        break;
      case 'trailers.session':
        config.trailers.session = bool(value, file, lineNo);
        break;
      case 'session.keep':
        config.keepSections = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
        break;
      case 'assistant.edit-budget': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 50) fail(file, lineNo, `"${value}" is not a budget of 50 tokens or more.`, 'Use a number such as 800.');
        config.assistant.editBudget = n;
        break;
      }
      case 'assistant.stop-mode':
        config.assistant.stopMode = mode(value, file, lineNo);
        break;
      default:
        (config.unknown ??= []).push({ key, line: lineNo });
        break;
    }
  }
  return config;
}

/** The commented `.gitsession` that `init` writes: every setting at its default. */
export function renderDefaultConfig(): string {
  return `# git-session settings for this repository (git-config syntax).
# Edit by hand or with: git config -f .gitsession prompt.mode strict
[session]
\t# The session file, relative to the repository root.
\tfile = SESSION.md
[prompt]
\t# off: never ask; remind: ask or remind when SESSION.md is stale; strict: refuse the commit.
\tmode = remind
\t# Changed lines from which a commit that leaves SESSION.md alone counts as stale.
\tthreshold = 20
[journal]
\tenabled = true
\t# {year} and {week} are the ISO week-numbering year and week.
\tpath = .session/journal/{year}-W{week}.md
[trailers]
\tdecision = Decision
\tdead-end = Dead-End
\t# Add a Session: trailer with the session goal to every commit.
\tsession = false
[assistant]
\t# What Claude Code's Stop hook does when code changed but SESSION.md did not.
\tstop-mode = remind
`;
}
