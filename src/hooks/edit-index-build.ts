import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { loadEditIndex } from '../adapters/edit-index.js';
import { findRepoDirs, stateDir } from '../adapters/edit-state.js';

/** Builds the edit-time index for the current HEAD; started detached when a hook ran out of time. */
export default async function hook(_args: string[], ctx: CommandContext): Promise<CommandResult> {
  try {
    await loadEditIndex(ctx.cwd, ctx.env);
  } finally {
    const dirs = findRepoDirs(ctx.cwd);
    if (dirs) rmSync(join(stateDir(dirs), 'edit-index.building'), { force: true });
  }
  return {};
}
