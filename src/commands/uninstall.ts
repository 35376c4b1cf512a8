import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { applyPlan } from '../adapters/apply-plan.js';
import { applyCloneConfig } from '../adapters/clone-config.js';
import { PRIVATE_FILTER } from '../core/clone/config.js';
import type { PlanContext } from '../core/init/context.js';
import type { Plan } from '../core/init/step.js';
import { renderUninstallReport } from '../core/init/render.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { planUninstall } from './init.js';

export interface UninstallArgs {
  dryRun: boolean;
  /** Remove the private filter even though the session file holds private text. */
  force?: boolean;
}

/**
 * `git session uninstall`: removes exactly what init added. SESSION.md and
 * .gitsession go only when byte-identical to what init wrote; chained hooks come back.
 */
export async function uninstall(args: UninstallArgs, ctx: CommandContext): Promise<CommandResult> {
  const { plan, pc } = await planUninstall(ctx);
  if (!args.force) await refusePrivateText(plan, pc);
  if (!args.dryRun) {
    applyPlan(plan.steps, pc.root, pc.keep);
    await applyCloneConfig(pc.root, plan.config, ctx.env);
  }
  return { stdout: renderUninstallReport(plan, pc.root, args.dryRun, pc.commandText) };
}

/**
 * Without the private filter, the next `git add` or `commit -a` stages the session
 * file's private text as it stands, and a pushed commit cannot take it back: the
 * uninstall that would remove the filter stops first and says so.
 */
async function refusePrivateText(plan: Plan, pc: PlanContext): Promise<void> {
  if (!plan.config?.unset.some((key) => key.startsWith(`filter.${PRIVATE_FILTER}.`))) return;
  const file = pc.config.sessionFile;
  const text = pc.read(join(pc.root, file))?.text;
  if (!text) return;
  const { hasPrivateText } = await import('../core/session/private-filter.js');
  let held: boolean;
  try {
    held = hasPrivateText(text);
  } catch {
    // A file the parser refuses: whether it holds private text cannot be told, so it does not stop the uninstall.
    held = false;
  }
  if (!held) return;
  throw new GitSessionError(ExitCode.Refused, 'holds private text (a Private section or a <!-- private --> region) that git would commit once the private filter is gone, so nothing was removed.', {
    file,
    fix: 'Move that text out of the file, then run `git session uninstall` again; `git session uninstall --force` removes everything anyway.',
  });
}
