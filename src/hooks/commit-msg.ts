import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { commitStateAt } from '../adapters/commit-state.js';
import { commentChar } from '../adapters/git-facts.js';
import { saysNothing } from '../core/pipeline/message-file.js';
import { takeWoven } from './trailer-file.js';

/**
 * commit-msg `<file>`, run only after prepare-commit-msg wove trailers into the empty
 * message of an editor commit. When the person wrote nothing (quit the editor to abort),
 * the trailers are taken out again, so git aborts on the empty message as it always does
 * instead of committing a message made of trailers.
 */
export default async function commitMsg(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const [file] = args;
  if (!file) return {};
  // The message file sits in the git dir, and git runs hooks at the top of the work tree.
  const state = commitStateAt(ctx.cwd, resolve(ctx.cwd, dirname(file)));
  const { trailers, template } = takeWoven(state.stateDir);
  if (trailers.length === 0) return {};
  const message = readFileSync(file, 'utf8');
  if (!saysNothing(message, trailers, await commentChar({ cwd: state.root, env: ctx.env }), template)) return {};
  writeFileSync(file, '');
  return {};
}
