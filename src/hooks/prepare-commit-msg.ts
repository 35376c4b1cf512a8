import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { commitStateAt } from '../adapters/commit-state.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { hasMessageContent, roomForSubject } from '../core/pipeline/message-file.js';
import { skipReason } from '../core/pipeline/skip.js';
import { handOffArgs } from '../core/pipeline/trailer-plan.js';
import { lazy } from './lazy.js';
import { handOffPath, readTrailerFile, removeTrailerFile, wovenTrailers, writeWoven } from './trailer-file.js';

/**
 * prepare-commit-msg `<file> [<source> [<sha>]]` for the commits the hook line does
 * not finish in the shell: an editor commit (an empty message needs one more blank
 * line above the trailers) and `git merge --squash` (the squashed commits' decisions
 * and dead ends are added). Trailers are woven with git's own `interpret-trailers`,
 * with the same arguments the shell line uses.
 */
export default async function prepareCommitMsg(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const [file, source] = args;
  if (!file) return {};
  const env = ctx.env;
  // The message file sits in the git dir, and git runs hooks at the top of the work tree.
  const state = commitStateAt(ctx.cwd, resolve(ctx.cwd, dirname(file)));
  const path = handOffPath(state.stateDir, env);
  let handOff = readTrailerFile(path);
  removeTrailerFile(path);
  if (skipReason(env, state.markers, source)) return {};

  if (source === 'squash') {
    const config = loadConfig(state.root);
    const { squashTrailers } = await lazy('squash-trailers', () => import('./squash-trailers.js'));
    const squashed = await squashTrailers(state.root, env, file, config.trailers);
    handOff = [...handOffArgs(squashed), ...handOff];
  }
  if (handOff.length === 0) return {};
  const empty = !hasMessageContent(readFileSync(file, 'utf8'));
  await git(['interpret-trailers', '--in-place', '--no-divider', '--if-exists', 'addIfDifferent', file, ...handOff], {
    cwd: state.root,
    env,
  });
  if (empty) {
    writeFileSync(file, roomForSubject(readFileSync(file, 'utf8')));
    // commit-msg checks that the person wrote something besides these.
    writeWoven(state.stateDir, wovenTrailers(handOff));
  }
  return {};
}
