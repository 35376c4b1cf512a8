import { git } from './git.js';
import { REVERT_GREP } from '../core/pipeline/preflight.js';

/**
 * Small facts about a repository that several commands ask git for. Each takes an
 * explicit cwd and environment, and answers with a neutral value (empty, null,
 * false) where git has none, instead of failing.
 */
export interface GitFactOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What journal entries name the branch when HEAD names a commit, as the commit pipeline does. */
export const DETACHED = 'detached';

/** git's stdout, or '' when git fails (a question with no answer here). */
export async function gitOut(args: readonly string[], opts: GitFactOptions): Promise<string> {
  const r = await git([...args], { ...opts, allowFailure: true });
  return r.code === 0 ? r.stdout : '';
}

/** Whether HEAD names a commit (false in a repository with no commits yet). */
export async function hasHead(opts: GitFactOptions): Promise<boolean> {
  return (await gitOut(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], opts)).trim() !== '';
}

/** Whether HEAD's message says it reverts a commit: the question the pre-commit hook script pipes in. */
export async function headIsRevert(opts: GitFactOptions): Promise<boolean> {
  return (await gitOut(['rev-list', '--no-walk', `--grep=${REVERT_GREP}`, 'HEAD', '--'], opts)).trim() !== '';
}

/**
 * Whether every local branch's commits are in HEAD's history (one branch, or the
 * others merged): then what is judged on every branch is what is kept for HEAD.
 * False when git cannot tell (no commits yet).
 */
export async function branchesInHead(opts: GitFactOptions): Promise<boolean> {
  const r = await git(['rev-list', '-1', '--branches', '--not', 'HEAD', '--'], { ...opts, allowFailure: true });
  return r.code === 0 && r.stdout.trim() === '';
}

/** The branch checked out, or null when HEAD is detached. */
export async function currentBranch(opts: GitFactOptions): Promise<string | null> {
  return (await gitOut(['symbolic-ref', '--short', '-q', 'HEAD'], opts)).trim() || null;
}

/** The author git would record, `Name <email>` (config and GIT_AUTHOR_* both count); undefined when it has none. */
export async function authorIdent(opts: GitFactOptions): Promise<string | undefined> {
  const ident = (await gitOut(['var', 'GIT_AUTHOR_IDENT'], opts)).trim();
  return ident.replace(/\s+\d+\s+[+-]\d{4}$/, '') || undefined;
}

/** The email git would record as author, or undefined when it has none. */
export async function authorEmail(opts: GitFactOptions): Promise<string | undefined> {
  const email = /<([^>]*)>/.exec((await authorIdent(opts)) ?? '')?.[1]?.trim();
  return email || undefined;
}

/** The last commit on HEAD that changed a file. */
export interface LastChange {
  hash: string;
  short: string;
  /** Committer time, seconds since the epoch. */
  time: number;
}

/** The last commit on HEAD that changed `path` (from the repository root), or null when none did. */
export async function lastChange(path: string, opts: GitFactOptions): Promise<LastChange | null> {
  const out = (await gitOut(['log', '-1', '--format=%H%x1f%h%x1f%ct', 'HEAD', '--', `:(top,literal)${path}`], opts)).trim();
  const [hash, short, time] = out.split('\x1f');
  return hash && short ? { hash, short, time: Number(time) || 0 } : null;
}

/** How many commits HEAD has on top of `since` (all of HEAD's when `since` is null); 0 when unknown. */
export async function commitsSince(since: string | null, opts: GitFactOptions): Promise<number> {
  return Number((await gitOut(['rev-list', '--count', since ? `${since}..HEAD` : 'HEAD'], opts)).trim()) || 0;
}

/** `core.commentChar`; `#` when unset or `auto` (git picks `#` for a message that was empty). */
export async function commentChar(opts: GitFactOptions): Promise<string> {
  const r = await git(['config', 'core.commentChar'], { ...opts, allowFailure: true });
  const value = r.stdout.trim();
  return value === '' || value === 'auto' ? '#' : value[0]!;
}
