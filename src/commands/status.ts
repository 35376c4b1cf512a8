import type { CommandContext, CommandResult } from '../cli/context.js';
import { ExitCode, GitSessionError } from '../errors.js';

// Placeholder until the command is built.
export async function status(_args: unknown, _ctx: CommandContext): Promise<CommandResult> {
  throw new GitSessionError(ExitCode.Internal, 'status is not available yet.');
}
