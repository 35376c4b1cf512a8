import { childProcess } from './builtins.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { takeEarly } from './early-git.js';

/**
 * Runs git. We call git directly rather than through simple-git: simple-git strips
 * every inherited GIT_* variable, and inside a commit hook GIT_INDEX_FILE and
 * GIT_DIR must reach git or it writes to the wrong index (or fails on index.lock).
 */
export interface GitOptions {
  /** Working directory; never implied from process.cwd(). */
  cwd: string;
  /** Environment for git; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Text written to git's stdin. */
  input?: string;
  /** Resolve with the exit code instead of throwing when git fails. */
  allowFailure?: boolean;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

const MAX_BUFFER = 1024 * 1024 * 1024;

// User config must not leak into output we parse: signatures would land in stdout
// (log.showSignature), colour codes and relative paths would break the parse, and a
// message stored in another encoding (i18n.commitEncoding) would come out in it, not
// in the UTF-8 we read. Every git process we start (git() here, the readers' streams)
// passes through outputSafe.
const LOG_FLAGS = ['--no-color', '--no-show-signature', '--no-relative', '--no-ext-diff', '--no-textconv', '--encoding=UTF-8'];

/**
 * `git log` and `git show` with the flags that keep the user's settings out of their
 * output, whoever calls them: a caller that forgot them put signature text where a
 * commit id belongs. Other commands are left as they are.
 */
export function outputSafe(args: readonly string[]): readonly string[] {
  if (args[0] !== 'log' && args[0] !== 'show') return args;
  return args.includes('--no-show-signature') ? args : [args[0], ...LOG_FLAGS, ...args.slice(1)];
}

function failure(args: readonly string[], code: number, stderr: string): GitSessionError {
  const detail = stderr.trim().split('\n')[0] ?? '';
  return new GitSessionError(ExitCode.Git, `git ${args.join(' ')} failed (exit ${code}): ${detail}`);
}

const started: string[] = [];

/** Notes the subcommand, after git's own options (`--literal-pathspecs add`). */
function noteStarted(args: readonly string[]): void {
  started.push(args.find((a) => !a.startsWith('-')) ?? '');
}

/** The git subcommands this process has run, in order: a hook reports them under GIT_SESSION_DEBUG_LOADS=1. */
export function gitCalls(): readonly string[] {
  return started;
}

/** Runs `git <args>` asynchronously (or takes its result, when the binary's entry started it already). */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  noteStarted(args);
  const early = options.input === undefined && (options.env === undefined || options.env === process.env) ? takeEarly(args, options.cwd) : undefined;
  if (!early) return run(args, options);
  return early.then((r) => {
    if (!r) return run(args, options);
    if (r.code !== 0 && !options.allowFailure) throw failure(args, r.code, r.stderr);
    return r;
  });
}

function run(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().execFile(
      'git',
      outputSafe(args),
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: MAX_BUFFER, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && typeof error.code !== 'number') {
          reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error }));
          return;
        }
        if (code !== 0 && !options.allowFailure) {
          reject(failure(args, code, stderr));
          return;
        }
        resolve({ stdout, stderr, code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Runs git and resolves with its stdout as bytes, as git wrote them: a blob's contents
 * need exact sizes, and a NUL or a byte that is not UTF-8 must be seen, not decoded away.
 */
export function gitBytes(args: readonly string[], options: GitOptions): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  noteStarted(args);
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', outputSafe(args), { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (error) => reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code !== 0 && !options.allowFailure) reject(failure(args, code ?? 1, stderr));
      else resolve({ stdout: Buffer.concat(chunks), stderr, code: code ?? 1 });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
