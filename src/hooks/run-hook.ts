import type { CommandContext, CommandResult } from '../cli/context.js';

// Placeholder: hooks are no-ops until the commit pipeline exists.
export async function runHook(_argv: string[], _ctx: CommandContext): Promise<CommandResult> {
  return {};
}
