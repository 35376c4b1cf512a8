import type { Config } from '../config.js';
import type { AgentTarget } from './agents.js';
import type { HookTarget } from './hook-target.js';
import type { Plan, ReadFile } from './step.js';

/** Everything the init and uninstall planners may look at, gathered by the command. */
export interface PlanContext {
  /** Absolute path of the work tree's top level. */
  root: string;
  config: Config;
  /** Current state of any file, by absolute path. */
  read: ReadFile;
  /** Text of a file in the package's templates/ folder. */
  template: (name: string) => string;
  /** Assistants asked for with `--agents` (claude always). */
  agents: ReadonlySet<AgentTarget['id']>;
  /** Whether `--mcp` asked for the MCP server entry in `.mcp.json`. */
  mcp: boolean;
  /** `--shared-hooks`: install into a core.hooksPath other repositories share. */
  sharedHooks?: boolean;
  /** Where and how git-session's hook lines go. */
  hooks: HookTarget;
  /** Folders a cleanup must never remove (git's own). */
  keep: readonly string[];
  /**
   * Rewrites `git session <cmd>` in text we write or print the way it runs here
   * (`npx git-session <cmd>` when no `git-session` is on PATH).
   */
  commandText: (text: string) => string;
  /** The current values of this clone's git config keys that git-session sets (see `perCloneConfig`). */
  gitConfig: Readonly<Record<string, string | undefined>>;
}

/** A planner looks at the context and returns the steps for the files it owns. */
export type Planner = (ctx: PlanContext) => Plan;

/** Concatenates the planners' plans in order. */
export function runPlanners(planners: readonly Planner[], ctx: PlanContext): Plan {
  const plan: Plan = { steps: [], notes: [] };
  for (const planner of planners) {
    const part = planner(ctx);
    plan.steps.push(...part.steps);
    plan.notes.push(...part.notes);
    if (part.config) {
      plan.config ??= { set: [], unset: [] };
      plan.config.set.push(...part.config.set);
      plan.config.unset.push(...part.config.unset);
    }
  }
  return plan;
}
