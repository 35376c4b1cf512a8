import { sanitiseApart, sanitiseText } from '../core/text/sanitise.js';
import { lstatSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addKeyFile, hasEntry, inlineText, parseSession } from '../core/session/index.js';
import { withinRoot } from '../core/pipeline/paths.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { saidBack } from './said-back.js';

/**
 * `given` (relative to `cwd`, or absolute) as a path relative to the repository root
 * with `/` separators; a path outside the work tree or inside .git is refused.
 */
export function repoPath(given: string, cwd: string, root: string): string {
  // git reports the root with links resolved: resolve the folder we start from too.
  let from = cwd;
  try {
    from = realpathSync(cwd);
  } catch {
    // Compare with the folder as given.
  }
  const target = resolve(from, given);
  const rel = withinRoot(root, target);
  if (rel === undefined || rel === '.git' || rel.startsWith('.git/')) {
    const where = resolve(root) === target ? 'is the repository root itself' : rel === undefined ? 'is outside the repository' : 'is inside .git';
    throw new GitSessionError(ExitCode.Usage, `the key file "${given}" ${where}.`, {
      fix: 'Name a file of the work tree, relative to the current folder or absolute.',
    });
  }
  return rel;
}

function exists(path: string): boolean {
  try {
    // A link is a file of the work tree even when what it points to is gone.
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `git session key-file <path> [why]`: records a file that matters and why. */
export async function keyFile(args: { path: string; why?: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.path ?? ''), 'path');
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  // A file name can carry terminal escapes: the session file gets the name without them.
  const named = sanitiseText(String(args.path)).replace(/\s+/g, ' ').trim();
  const path = repoPath(named, ctx.cwd, file.repo.root);
  // A misspelt name, or one read from the wrong folder, would be recorded as if it
  // mattered: the path must name something in the work tree (as typed, or as recorded).
  // Checked once the session file is read, so a problem with that file is told first.
  const refuseMissing = (): void => {
    if (exists(resolve(ctx.cwd, String(args.path))) || exists(join(file.repo.root, path))) return;
    const read = named === path ? '' : ` (read as ${path} from the repository root)`;
    throw new GitSessionError(ExitCode.Usage, `the key file "${named}"${read} does not exist in the work tree.`, {
      fix: 'Name an existing file or folder, relative to the current folder or absolute; record a planned file once it is written.',
    });
  };
  const why = args.why !== undefined && args.why.trim() !== '' ? sanitiseApart(args.why).replace(/\s+/g, ' ').trim() || null : null;
  let known = false;
  updateSessionFile(
    file,
    (s) => ((known = hasEntry(s, 'keyFiles', path)) ? s : addKeyFile(s, { path, why })),
    (s) => {
      parseSession(s, file.display);
      refuseMissing();
    },
  );
  if (known) return { stdout: `Already recorded in ${file.display}: ${(await saidBack(path, file.display)).said}\n` };
  // Said back as decide says back: redacted, a secret in what was typed named now.
  const { said, secret } = await saidBack(`${path}${why ? ` — ${why}` : ''}`, file.display, [String(args.path), args.why ?? '']);
  return { stdout: `Recorded key file in ${file.display}: ${said}\n`, ...(secret ? { stderr: secret } : {}) };
}
