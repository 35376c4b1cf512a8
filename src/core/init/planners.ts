import { planAgentsInstall, planAgentsUninstall } from './agent-files.js';
import {
  planClaudeSettingsInstall,
  planClaudeSettingsUninstall,
  planGeminiSettingsInstall,
  planGeminiSettingsUninstall,
  planMcpInstall,
  planMcpUninstall,
} from './claude-files.js';
import type { Planner } from './context.js';
import {
  planConfigInstall,
  planConfigUninstall,
  planGitattributesInstall,
  planGitattributesUninstall,
  planSessionInstall,
  planSessionUninstall,
} from './files.js';
import { planHooksInstall, planHooksUninstall } from './hooks.js';
import { planCloneConfigInstall, planCloneConfigUninstall } from './clone-config.js';
import { planPackageJsonInstall, planPackageJsonUninstall } from './package-json.js';

/** What `init` does, in order. A new kind of file is one more planner here and its inverse below. */
export const INIT_PLANNERS: readonly Planner[] = [
  planSessionInstall,
  planConfigInstall,
  planGitattributesInstall,
  planAgentsInstall,
  planClaudeSettingsInstall,
  planGeminiSettingsInstall,
  planMcpInstall,
  planHooksInstall,
  planPackageJsonInstall,
  planCloneConfigInstall,
];

/**
 * What `git session setup` does in a fresh clone (run by `npm install`): the hooks
 * where git-session writes them itself, and this clone's merge drivers.
 */
export const SETUP_PLANNERS: readonly Planner[] = [planHooksInstall, planCloneConfigInstall];

/** What `uninstall` does: the inverse of each init planner. */
export const UNINSTALL_PLANNERS: readonly Planner[] = [
  planCloneConfigUninstall,
  planPackageJsonUninstall,
  planHooksUninstall,
  planMcpUninstall,
  planGeminiSettingsUninstall,
  planClaudeSettingsUninstall,
  planAgentsUninstall,
  planGitattributesUninstall,
  planConfigUninstall,
  planSessionUninstall,
];
