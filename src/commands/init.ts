import type { CommandContext, CommandResult } from '../cli/context.js';
import { ExitCode, GitSessionError } from '../errors.js';

// Placeholder until the command is built.
export async function init(_args: unknown, _ctx: CommandContext): Promise<CommandResult> {
  throw new GitSessionError(ExitCode.Internal, 'init is not available yet.');
}
