import { keepCleaned, readPrivateStore, updatePrivateStore } from '../adapters/private-store.js';
import { findRepoDirs } from '../adapters/repo-layout.js';
import { MAX_SESSION_BYTES } from '../adapters/fs.js';
import { findRepo } from '../adapters/repo.js';
import { cleanWith, plainPrivateRegions, plainRegionsOrFail, smudgeWith } from '../core/session/private-regions.js';
import { ExitCode, GitSessionError } from '../errors.js';

/** What the filter hands git, and a line for the person when it could not do all it should. */
export interface FilterResult {
  out: Buffer;
  warning?: string;
}

/**
 * `git session filter clean|smudge <path>`, run by git for the session file:
 * `clean` (what git stores) keeps each private region's body under the git dir and
 * hands git the file without it; `smudge` (what git checks out) puts the kept bodies
 * back. A clean that fails fails the filter, and with `required` git then stores
 * nothing. A smudge never fails: git would stop a checkout or a pull over it, and
 * leave the file deleted in the work tree; the file is checked out as committed.
 */
export async function filter(args: { mode: string; path: string | undefined }, input: Buffer, cwd: string, env: NodeJS.ProcessEnv): Promise<FilterResult> {
  if (args.mode !== 'clean' && args.mode !== 'smudge') {
    throw new GitSessionError(ExitCode.Usage, `unknown filter "${args.mode}".`, { fix: 'Use `git-session filter clean <path>` or `git-session filter smudge <path>` (git runs them).' });
  }
  const path = args.path ?? 'SESSION.md';
  if (args.mode === 'clean') return { out: await run('clean', path, input, cwd, env) };
  try {
    return { out: await run('smudge', path, input, cwd, env) };
  } catch (error) {
    const known = error instanceof GitSessionError ? error : undefined;
    const problem = known?.problem.replace(/\.$/, '') ?? 'could not be read';
    const fix = known?.fix ? ` ${known.fix}` : '';
    return { out: input, warning: `git-session: ${path}: checked out as committed, without the private text kept on this machine, as it ${problem}.${fix}\n` };
  }
}

async function run(mode: 'clean' | 'smudge', path: string, input: Buffer, cwd: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch (error) {
    // Not text we can read: it cannot be checked for private regions, so it is not stored.
    if (mode === 'smudge') return input;
    throw new GitSessionError(ExitCode.BadInput, 'is not valid UTF-8, so its private regions cannot be kept out of the commit.', {
      file: path,
      fix: 'Convert it to UTF-8 and add it again.',
      cause: error,
    });
  }
  // Read line by line when lines decide it (the template's Private section does), else
  // by the parser, loaded only then. A file with no private region at all is passed
  // through: nothing to take out or put back, so no repository and no store.
  const plain = plainPrivateRegions(text);
  if (plain?.length === 0) {
    // Kept for the filter's shell: the next clean of these bytes starts no node at all.
    const dirs = mode === 'clean' && !env.GIT_DIR ? findRepoDirs(cwd) : undefined;
    if (dirs) keepCleaned(dirs.gitDir, path, input, input, {});
    return input;
  }
  if (!plain && input.length > MAX_SESSION_BYTES) {
    throw new GitSessionError(ExitCode.BadInput, `is ${input.length} bytes, over the 1 MB limit, too large to check for private text.`, {
      file: path,
      fix: 'Move older notes out of it (into the journal or another file) and add it again.',
    });
  }
  // Git runs the filter at the top of the work tree: the git dir is found there without
  // starting git, unless GIT_DIR names another.
  const gitDir = (!env.GIT_DIR && findRepoDirs(cwd)?.gitDir) || (await findRepo(cwd, env)).gitDir;
  const find = plain ? plainRegionsOrFail : (await import('../core/session/private-filter.js')).privateRegions;
  if (mode === 'smudge') return Buffer.from(smudgeWith(text, readPrivateStore(gitDir, path), find), 'utf8');
  const { text: clean, bodies } = cleanWith(text, find);
  updatePrivateStore(gitDir, path, bodies);
  const out = Buffer.from(clean, 'utf8');
  keepCleaned(gitDir, path, input, out, bodies);
  return out;
}
