import type { CommandContext, CommandResult } from '../context.js';
import { applyPlan, readFileState } from '../adapters/apply-plan.js';
import { applyCloneConfig, readCloneConfig } from '../adapters/clone-config.js';
import { loadConfig } from '../adapters/config.js';
import { findHookTarget } from '../adapters/hook-target.js';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { findRepo } from '../adapters/repo.js';
import { readTemplate } from '../adapters/templates.js';
import { parseAgents } from '../core/init/agents.js';
import { runPlanners, type PlanContext } from '../core/init/context.js';
import { INIT_PLANNERS, UNINSTALL_PLANNERS } from '../core/init/planners.js';
import { renderInitReport } from '../core/init/render.js';
import type { Plan } from '../core/init/step.js';

export interface InitArgs {
  /** Comma list for `--agents`: claude, codex, agents, gemini, copilot, cursor, all. */
  agents?: string | undefined;
  /** Also register the MCP server in `.mcp.json`. */
  mcp?: boolean | undefined;
  /** Install into a core.hooksPath shared by other repositories. */
  sharedHooks?: boolean | undefined;
  dryRun: boolean;
}

/** Gathers what the planners look at: the repository, its settings and its hook set-up. */
export async function planContext(ctx: CommandContext, agents?: string, mcp = false): Promise<PlanContext> {
  const wanted = parseAgents(agents);
  const repo = await findRepo(ctx.cwd, ctx.env);
  const how = invocation(ctx.env);
  return {
    root: repo.root,
    config: loadConfig(repo.root),
    read: (path) => readFileState(path, repo.root),
    template: readTemplate,
    agents: wanted,
    mcp,
    hooks: await findHookTarget(repo, ctx.env),
    keep: [repo.gitDir, repo.commonDir],
    commandText: (text) => withInvocation(text, how),
    gitConfig: await readCloneConfig(repo.root, ctx.env),
  };
}

/** Plans init (pure) and applies it unless `dryRun`. */
export async function planInit(args: InitArgs, ctx: CommandContext): Promise<{ plan: Plan; pc: PlanContext }> {
  const pc = { ...(await planContext(ctx, args.agents, args.mcp ?? false)), sharedHooks: Boolean(args.sharedHooks) };
  return { plan: runPlanners(INIT_PLANNERS, pc), pc };
}

/**
 * `git session init`: SESSION.md, .gitsession, .gitattributes, the assistants'
 * instruction blocks, Claude Code's hooks in .claude/settings.json (and with `--mcp`
 * the server in .mcp.json) and the commit hooks. Every step is planned before the
 * first write, so a file that cannot be merged stops init with nothing written.
 * Idempotent; `--dry-run` writes nothing.
 */
export async function init(args: InitArgs, ctx: CommandContext): Promise<CommandResult> {
  const { plan, pc } = await planInit(args, ctx);
  if (!args.dryRun) {
    applyPlan(plan.steps, pc.root, pc.keep);
    await applyCloneConfig(pc.root, plan.config, ctx.env);
  }
  return { stdout: renderInitReport(plan, pc.root, pc.config.sessionFile, args.dryRun, pc.commandText) };
}

/** Plans uninstall: the inverse of every init planner. */
export async function planUninstall(ctx: CommandContext): Promise<{ plan: Plan; pc: PlanContext }> {
  const pc = await planContext(ctx);
  return { plan: runPlanners(UNINSTALL_PLANNERS, pc), pc };
}
