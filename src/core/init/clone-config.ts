import { perCloneConfig } from '../clone/config.js';
import type { PlanContext } from './context.js';
import type { Plan } from './step.js';

/** Sets the per-clone config entries that are missing or differ (the merge drivers). */
export function planCloneConfigInstall(ctx: PlanContext): Plan {
  const set = Object.entries(perCloneConfig()).filter(([key, value]) => ctx.gitConfig[key] !== value);
  return { steps: [], notes: [], config: { set, unset: [] } };
}

/** Unsets the per-clone config entries git-session sets, where they are set. */
export function planCloneConfigUninstall(ctx: PlanContext): Plan {
  const unset = Object.keys(perCloneConfig()).filter((key) => ctx.gitConfig[key] !== undefined);
  return { steps: [], notes: [], config: { set: [], unset } };
}
