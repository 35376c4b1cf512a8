import type { CommandContext, CommandResult } from '../cli/context.js';

// Placeholder: does nothing until built.
export default async function hook(_args: string[], _ctx: CommandContext): Promise<CommandResult> {
  return {};
}
