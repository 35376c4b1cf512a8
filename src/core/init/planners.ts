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
];

/** What `uninstall` does: the inverse of each init planner. */
export const UNINSTALL_PLANNERS: readonly Planner[] = [
  planHooksUninstall,
  planMcpUninstall,
  planGeminiSettingsUninstall,
  planClaudeSettingsUninstall,
  planAgentsUninstall,
  planGitattributesUninstall,
  planConfigUninstall,
  planSessionUninstall,
];
