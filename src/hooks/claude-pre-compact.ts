import type { CommandContext, CommandResult } from '../context.js';
import { hookSetup, isNotARepo } from './claude-input.js';

/**
 * Claude Code PreCompact hook (manual, auto): writes a checkpoint to the journal so the
 * state before compaction is on record, forgets which files the session was told
 * about, and prints a short note. Claude Code shows a
 * PreCompact hook's stdout only in the transcript; the SessionStart hook (source
 * compact) is what puts the session state back into the compacted context.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const note = await checkpointBeforeCompaction(base);
  return note === undefined ? {} : { stdout: note };
}

/**
 * What a compaction needs done before it, for Claude Code's PreCompact and Gemini CLI's
 * PreCompress alike: the checkpoint written and the told files forgotten. Returns the
 * note for the transcript, undefined where there is nothing to say.
 */
export async function checkpointBeforeCompaction(base: CommandContext): Promise<string | undefined> {
  const { input, ctx, optedIn } = await hookSetup(base);
  // A checkpoint is written into the work tree's journal: never into a repository
  // that did not run `init` (a user-level settings file reaches them all).
  if (!optedIn) return undefined;
  // The conversation loses what the edit-time hook told it: each file is told again.
  const { forgetTold } = await import('../adapters/told-state.js');
  forgetTold(optedIn, input.sessionId);
  const { writeCheckpoint } = await import('../commands/checkpoint.js');
  const { loadConfig } = await import('../adapters/config.js');
  const { findRepo } = await import('../adapters/repo.js');
  const { invocation, withInvocation } = await import('../adapters/invocation.js');
  try {
    const repo = await findRepo(ctx.cwd, ctx.env);
    const config = loadConfig(repo.root);
    if (!config.journal.enabled) {
      return `git-session: before compacting, make sure ${config.sessionFile} holds the current status, decisions and dead ends.\n`;
    }
    const { path } = await writeCheckpoint(ctx);
    const note = `git-session: checkpoint written to ${path}. After compaction, re-read ${config.sessionFile} (or run \`git session context\`) before you go on.\n`;
    return withInvocation(note, invocation(ctx.env));
  } catch (error) {
    if (isNotARepo(error)) return undefined;
    throw error;
  }
}
