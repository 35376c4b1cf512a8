import { rmSync } from 'node:fs';
import type { CommandContext, CommandResult } from '../context.js';
import { loadEditIndex } from '../adapters/edit-index.js';
import { findRepoDirs, statePathOf } from '../adapters/edit-state.js';

/** Builds the edit-time index for the current HEAD; started detached when a hook ran out of time. */
export default async function hook(_args: string[], ctx: CommandContext): Promise<CommandResult> {
  try {
    await loadEditIndex(ctx.cwd, ctx.env);
  } finally {
    const dirs = findRepoDirs(ctx.cwd);
    if (dirs) rmSync(statePathOf(dirs, 'editIndexBuilding'), { force: true });
  }
  return {};
}
