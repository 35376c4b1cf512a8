import type { CommandContext, CommandResult } from '../context.js';
import { applyPlan } from '../adapters/apply-plan.js';
import { applyCloneConfig } from '../adapters/clone-config.js';
import { runPlanners } from '../core/init/context.js';
import { planCloneConfigInstall } from '../core/init/clone-config.js';
import { SETUP_PLANNERS } from '../core/init/planners.js';
import { changesAnything } from '../core/init/step.js';
import { planContext } from './init.js';

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * `git session setup`: what a fresh clone needs and does not get from git: the hooks
 * (where git-session writes them itself; husky, lefthook and pre-commit install their
 * own) and this clone's merge drivers and private filter. Run by `npm install` through the prepare
 * script `init` adds, so it never fails: any problem is one line and exit 0. Quiet
 * when there is nothing to do. In CI only the merge drivers are set: a CI job may
 * merge or rebase, but the commits it makes (releases, bots) are no session's work.
 */
export async function setup(_args: Record<string, never>, ctx: CommandContext): Promise<CommandResult> {
  if (ctx.env.GIT_SESSION === '0' || ctx.env.HUSKY === '0') return {};
  try {
    const pc = await planContext(ctx);
    const ci = isSet(ctx.env.CI);
    const plan = runPlanners(ci ? [planCloneConfigInstall] : SETUP_PLANNERS, pc);
    if (!changesAnything(plan)) return {};
    applyPlan(plan.steps, pc.root, pc.keep);
    await applyCloneConfig(pc.root, plan.config, ctx.env);
    const hooks = plan.steps.some((s) => s.action !== 'unchanged');
    return { stdout: `git-session: ${hooks ? 'hooks, merge drivers and private filter' : 'merge drivers and private filter'} set up in this clone.\n` };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { stderr: `git-session: setup skipped: ${message}\n`, exitCode: 0 };
  }
}
