import { join } from 'node:path';
import {
  CLAUDE_SETTINGS_FILE,
  GEMINI_SETTINGS_FILE,
  MCP_JSON_FILE,
  mergeClaudeSettings,
  mergeGeminiSettings,
  mergeMcpJson,
  removeClaudeSettings,
  removeGeminiSettings,
  removeMcpJson,
} from '../claude-settings/index.js';
import type { PlanContext } from './context.js';
import { spliceable, writeStep, type Plan, type Step } from './step.js';

/** A JSON file git-session merges its entries into, with the pure merge and its inverse. */
interface JsonTarget {
  file: string;
  merge: (existing: string | null) => string;
  remove: (text: string) => string | null;
  reason: string;
}

const SETTINGS: JsonTarget = {
  file: CLAUDE_SETTINGS_FILE,
  merge: mergeClaudeSettings,
  remove: removeClaudeSettings,
  reason: "Claude Code hooks: session context at start and after compaction, a reminder at stop, a file's decisions before it is read or edited",
};

const GEMINI: JsonTarget = {
  file: GEMINI_SETTINGS_FILE,
  merge: mergeGeminiSettings,
  remove: removeGeminiSettings,
  reason: "Gemini CLI hooks: session context at start, a checkpoint before compression, a file's decisions with what a file tool returns",
};

const MCP: JsonTarget = {
  file: MCP_JSON_FILE,
  merge: mergeMcpJson,
  remove: removeMcpJson,
  reason: 'the git-session MCP server for Claude Code',
};

function install(ctx: PlanContext, target: JsonTarget): Step {
  const path = join(ctx.root, target.file);
  const before = spliceable(ctx.read(path), target.file);
  return writeStep(path, before, target.merge(before ?? null), target.reason);
}

function uninstall(ctx: PlanContext, target: JsonTarget): Step[] {
  const path = join(ctx.root, target.file);
  const text = spliceable(ctx.read(path), target.file);
  if (text === undefined) return [];
  const after = target.remove(text);
  if (after === null) return [{ action: 'delete', path, before: text, reason: 'created by git-session init' }];
  if (after === text) return [];
  return [writeStep(path, text, after, 'git-session entries removed')];
}

/**
 * Merges git-session's SessionStart, PreCompact and Stop hooks into
 * `.claude/settings.json` when Claude is among the assistants (it always is). Every
 * byte outside the added entries stays; a second run changes nothing.
 */
export function planClaudeSettingsInstall(ctx: PlanContext): Plan {
  if (!ctx.agents.has('claude')) return { steps: [], notes: [] };
  return { steps: [install(ctx, SETTINGS)], notes: [] };
}

/** Removes exactly the hooks init added; deletes the file when init created it and it holds nothing else. */
export function planClaudeSettingsUninstall(ctx: PlanContext): Plan {
  return { steps: uninstall(ctx, SETTINGS), notes: [] };
}

/**
 * Merges git-session's SessionStart and PreCompress hooks into `.gemini/settings.json`
 * when Gemini CLI is among the assistants (asked for, or GEMINI.md is there).
 */
export function planGeminiSettingsInstall(ctx: PlanContext): Plan {
  if (!ctx.agents.has('gemini') && !ctx.read(join(ctx.root, 'GEMINI.md'))) return { steps: [], notes: [] };
  let step: Step;
  try {
    step = install(ctx, GEMINI);
  } catch (error) {
    // Gemini CLI allows comments in its settings, which a splice cannot keep in place:
    // the rest of init goes on, and the person adds the hooks by hand.
    if (!isUserError(error)) throw error;
    return { steps: [], notes: [`Left ${GEMINI_SETTINGS_FILE} as it is (${error.message}); to have Gemini CLI load the session at start, add:\n${mergeGeminiSettings(null)}`] };
  }
  const notes = step.action === 'unchanged' ? [] : ['Gemini CLI runs project hooks only in a folder you have trusted (it asks when it first starts here).'];
  return { steps: [step], notes };
}

/** Removes the Gemini CLI hooks whenever they are there; a file without them is not even parsed. */
export function planGeminiSettingsUninstall(ctx: PlanContext): Plan {
  const text = ctx.read(join(ctx.root, GEMINI_SETTINGS_FILE))?.text;
  if (text === undefined || !/git-session\b.*\bhook gemini-/.test(text)) return { steps: [], notes: [] };
  try {
    return { steps: uninstall(ctx, GEMINI), notes: [] };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { steps: [], notes: [`Left ${GEMINI_SETTINGS_FILE} as it is (${error.message}); remove the git-session hooks from it by hand.`] };
  }
}

function isUserError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'GitSessionError';
}

/** Registers the MCP server in `.mcp.json`, only when asked for with `--mcp`. */
export function planMcpInstall(ctx: PlanContext): Plan {
  if (!ctx.mcp) return { steps: [], notes: [] };
  const step = install(ctx, MCP);
  const notes =
    step.action === 'unchanged' ? [] : [`Claude Code asks once to approve the git-session server from ${MCP_JSON_FILE} when it next starts here.`];
  return { steps: [step], notes };
}

/** Removes the MCP server entry whenever it is there (no flag needed). */
export function planMcpUninstall(ctx: PlanContext): Plan {
  return { steps: uninstall(ctx, MCP), notes: [] };
}
