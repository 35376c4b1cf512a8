import type { CommandContext, CommandResult } from '../context.js';
import { loadEditIndex } from '../adapters/edit-index.js';
import { takenOut } from '../adapters/taken-out.js';
import { findRepo } from '../adapters/repo.js';
import { repoPathOf } from '../adapters/repo-path.js';
import { decisionsForPath } from '../core/history/edit-index.js';
import { redactedPath, redactShown } from '../core/redact/index.js';
import { ExitCode, GitSessionError } from '../errors.js';

/**
 * `git session decisions <path>`: the decisions and dead ends still in force for one
 * file, within the edit budget: what the edit-time hook hands an assistant, for
 * assistants without hooks and for the MCP tool `decisions_for_path`.
 */
export async function decisions(args: { path: string; format: 'md' | 'json' }, ctx: CommandContext): Promise<CommandResult> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  // The same reading of a path as the edit-time hook's, links resolved on both sides.
  const path = repoPathOf(repo.root, ctx.cwd, args.path);
  if (path === undefined) {
    throw new GitSessionError(ExitCode.Usage, `"${args.path}" is not a file of this repository.`, {
      fix: `Name a file inside ${repo.root}, relative to the current folder or absolute.`,
    });
  }
  const loaded = await loadEditIndex(repo.root, ctx.env);
  const gone = loaded ? await takenOut(loaded.dirs, loaded.index) : undefined;
  // The path is said back as a file name is everywhere: a secret in it redacted, quoted
  // when it holds a line break (the MCP tool's reply reaches an assistant's context).
  const label = await redactedPath(path);
  const found = loaded ? decisionsForPath(loaded.index, path, loaded.index.budget, undefined, label, gone) : undefined;
  if (args.format === 'json') {
    const report = { path: await redactShown(path), text: found?.text ?? null, served: found?.served ?? 0, total: found?.total ?? 0 };
    return { stdout: JSON.stringify(report, null, 2) + '\n' };
  }
  return { stdout: found ? `${found.text}\n` : `No decisions or dead ends in force were recorded for ${label}.\n` };
}
