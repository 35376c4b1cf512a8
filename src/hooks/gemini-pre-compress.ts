import type { CommandContext, CommandResult } from '../context.js';
import { checkpointBeforeCompaction } from './claude-pre-compact.js';

/**
 * Gemini CLI PreCompress hook: the checkpoint Claude Code's PreCompact writes, and
 * nothing on stdout. Gemini shows a hook's plain stdout to the person as a system
 * message, and the note for the assistant would reach neither.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  await checkpointBeforeCompaction(base);
  return {};
}
