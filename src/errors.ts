/**
 * Exit codes of the `git-session` binary. Documented in the README; never renumber.
 */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** An unexpected internal error (a bug: please report it). */
  Internal: 1,
  /** Bad arguments or options. */
  Usage: 2,
  /** Not inside a git work tree (outside any repository, or a bare repository). */
  NotARepo: 3,
  /** SESSION.md (or another input file) is missing, unreadable, binary, too large, not UTF-8, or has bad front matter. */
  BadInput: 4,
  /** A write failed: a file (read-only file or folder, disk full; nothing was half-written) or stdout. */
  WriteFailed: 5,
  /** A strict-mode check refused the commit or the stop until the session state is updated. */
  Refused: 6,
  /** A git command failed (bad revision, range or path). */
  Git: 7,
  /** The session file holds merge conflict markers: resolve the conflict first. */
  Conflicted: 8,
  /** Another git-session process held the lock on a file for longer than the wait allows; nothing was changed. */
  Busy: 9,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Marks every GitSessionError, from whichever copy of this module made it. */
const BRAND = Symbol.for('git-session.error');

/**
 * An error a user can act on: what failed, on which input, and how to fix it.
 * The CLI prints `git-session: <message>` and exits with `exitCode`.
 */
export class GitSessionError extends Error {
  /**
   * `instanceof` holds for an error made by any copy of this class. The CLI bundle and
   * the ES modules it imports lazily (the markdown parser's among them) each carry one:
   * a reader's `catch` that tested the bundle's class let the parser's error for a
   * version committed with conflict markers through, and `why` failed on it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly exitCode: ExitCodeValue;
  /** What is wrong, without the file and the fix: the `message` argument as given. */
  readonly problem: string;
  readonly file: string | undefined;
  readonly fix: string | undefined;

  constructor(
    exitCode: ExitCodeValue,
    message: string,
    options: { file?: string; fix?: string; cause?: unknown } = {},
  ) {
    const where = options.file ? `${options.file}: ` : '';
    const fix = options.fix ? ` ${options.fix}` : '';
    super(`${where}${message}${fix}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitSessionError';
    this.exitCode = exitCode;
    this.problem = message;
    this.file = options.file;
    this.fix = options.fix;
  }

  /**
   * The same problem (exit code and cause kept) told about another file name or with
   * another fix: for a caller that knows the name the user knows, or what else to do.
   */
  retold(changes: { file?: string; fix?: string }): GitSessionError {
    const file = 'file' in changes ? changes.file : this.file;
    const fix = 'fix' in changes ? changes.fix : this.fix;
    return new GitSessionError(this.exitCode, this.problem, {
      ...(file === undefined ? {} : { file }),
      ...(fix === undefined ? {} : { fix }),
      cause: this.cause,
    });
  }
}
