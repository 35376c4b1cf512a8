import type { CommandContext, CommandResult } from '../context.js';
import { applyPlan } from '../adapters/apply-plan.js';
import { applyCloneConfig } from '../adapters/clone-config.js';
import { uninstallPrivateFilter } from '../adapters/private-store.js';
import { renderUninstallReport } from '../core/init/render.js';
import { planUninstall } from './init.js';

export interface UninstallArgs {
  dryRun: boolean;
}

/**
 * `git session uninstall`: removes exactly what init added. SESSION.md and
 * .gitsession go only when byte-identical to what init wrote; chained hooks come back.
 */
export async function uninstall(args: UninstallArgs, ctx: CommandContext): Promise<CommandResult> {
  const { plan, pc } = await planUninstall(ctx);
  if (!args.dryRun) {
    applyPlan(plan.steps, pc.root, pc.keep);
    await applyCloneConfig(pc.root, plan.config, ctx.env);
    await uninstallPrivateFilter(pc.root, ctx.env);
  }
  return { stdout: renderUninstallReport(plan, pc.root, args.dryRun, pc.commandText) };
}
