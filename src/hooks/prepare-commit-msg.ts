import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { findGitProcess, readCommitState } from '../adapters/commit-state.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { hasMessageContent, roomForSubject } from '../core/pipeline/message-file.js';
import { skipReason } from '../core/pipeline/skip.js';
import { interpretTrailersArgs, type PlannedTrailer } from '../core/pipeline/trailer-plan.js';
import { squashTrailers } from './squash-trailers.js';
import { readTrailerFile, removeTrailerFile } from './trailer-file.js';

/**
 * prepare-commit-msg `<file> [<source> [<sha>]]`: weaves the trailers pre-commit left
 * into the message with git's own `interpret-trailers` (its rules for the last block,
 * comments, a missing final newline and repeats), and for `git merge --squash` adds
 * the squashed commits' decisions and dead ends.
 */
export default async function prepareCommitMsg(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const [file, source] = args;
  const env = ctx.env;
  const state = await readCommitState(ctx.cwd, env);
  const handOff = readTrailerFile(state.trailersPath);
  removeTrailerFile(state.trailersPath);
  if (!file || skipReason(env, state.markers, source)) return {};

  let trailers: PlannedTrailer[] = [];
  if (handOff && handOff.trailers.length > 0) {
    // A file from a commit that failed after pre-commit belongs to no later commit.
    const pid = handOff.gitPid === null ? undefined : findGitProcess()?.pid;
    if (pid === undefined || pid === handOff.gitPid) trailers = handOff.trailers;
  }
  if (source === 'squash') {
    const config = loadConfig(state.root);
    trailers = [...(await squashTrailers(state.root, env, file, config.trailers)), ...trailers];
  }
  if (trailers.length === 0) return {};
  const empty = !hasMessageContent(readFileSync(file, 'utf8'));
  await git(interpretTrailersArgs(trailers, file), { cwd: state.root, env });
  if (empty) writeFileSync(file, roomForSubject(readFileSync(file, 'utf8')));
  return {};
}
