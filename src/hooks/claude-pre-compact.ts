import type { CommandContext, CommandResult } from '../cli/context.js';
import { hookSetup, isNotARepo } from './claude-session-start.js';

/**
 * Claude Code PreCompact hook (manual, auto): writes a checkpoint to the journal so the
 * state before compaction is on record, and prints a short note. Claude Code shows a
 * PreCompact hook's stdout only in the transcript; the SessionStart hook (source
 * compact) is what puts the session state back into the compacted context.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const { ctx } = await hookSetup(base);
  const { checkpoint } = await import('../commands/checkpoint.js');
  const { loadConfig } = await import('../adapters/config.js');
  const { findRepo } = await import('../adapters/repo.js');
  try {
    const repo = await findRepo(ctx.cwd, ctx.env);
    if (!loadConfig(repo.root).journal.enabled) {
      return { stdout: 'git-session: before compacting, make sure SESSION.md holds the current status, decisions and dead ends.\n' };
    }
    const result = await checkpoint({}, ctx);
    const where = /written to (\S+)/.exec(result.stdout ?? '')?.[1] ?? 'the journal';
    return {
      stdout: `git-session: checkpoint written to ${where}. After compaction, re-read SESSION.md (or run \`git session context\`) before you go on.\n`,
    };
  } catch (error) {
    if (isNotARepo(error)) return {};
    throw error;
  }
}
