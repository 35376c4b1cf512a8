import type { CommandContext, CommandResult } from '../context.js';
import { buildHandedOver } from '../adapters/ensure-edit-index.js';

/** Builds the edit-time index for the current HEAD: the detached builder an edit-time hook hands a long build to. */
export default async function hook(_args: string[], ctx: CommandContext): Promise<CommandResult> {
  await buildHandedOver(ctx.cwd, ctx.env);
  return {};
}
