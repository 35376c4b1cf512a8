import { readPrivateStore, updatePrivateStore } from '../adapters/private-store.js';
import { findRepo } from '../adapters/repo.js';
import { cleanPrivate, smudgePrivate } from '../core/session/private-filter.js';
import { ExitCode, GitSessionError } from '../errors.js';

/**
 * `git session filter clean|smudge <path>`, run by git for the session file:
 * `clean` (what git stores) keeps each private region's body under the git dir and
 * hands git the file without it; `smudge` (what git checks out) puts the kept bodies
 * back. Any failure fails the filter, and with `required` git then stores nothing.
 */
export async function filter(args: { mode: string; path: string | undefined }, input: Buffer, cwd: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  if (args.mode !== 'clean' && args.mode !== 'smudge') {
    throw new GitSessionError(ExitCode.Usage, `unknown filter "${args.mode}".`, { fix: 'Use `git-session filter clean <path>` or `git-session filter smudge <path>` (git runs them).' });
  }
  const path = args.path ?? 'SESSION.md';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch (error) {
    // Not text we can read: it cannot be checked for private regions, so it is not stored.
    if (args.mode === 'smudge') return input;
    throw new GitSessionError(ExitCode.BadInput, 'is not valid UTF-8, so its private regions cannot be kept out of the commit.', {
      file: path,
      fix: 'Convert it to UTF-8 and add it again.',
      cause: error,
    });
  }
  const { gitDir } = await findRepo(cwd, env);
  if (args.mode === 'smudge') return Buffer.from(smudgePrivate(text, readPrivateStore(gitDir, path)), 'utf8');
  const { text: clean, bodies } = cleanPrivate(text);
  updatePrivateStore(gitDir, path, bodies);
  return Buffer.from(clean, 'utf8');
}
