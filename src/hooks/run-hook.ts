import type { CommandContext, CommandResult } from '../context.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitCalls } from '../adapters/git.js';
import { loadConfig } from '../adapters/config.js';
import { CONFIG_FILE, promptModeOf, type PromptMode } from '../core/config.js';
import { ExitCode } from '../errors.js';
// Static: a dynamic import of a module outside the hook bundle would load a second copy, with no loads recorded.
import { lazyLoads } from '../adapters/lazy.js';

type HookModule = { default: (args: string[], ctx: CommandContext) => Promise<CommandResult> };

// Each hook lives in its own module so a hook loads only what it uses.
const HOOKS: Record<string, () => Promise<HookModule>> = {
  'pre-commit': () => import('./pre-commit.js'),
  'prepare-commit-msg': () => import('./prepare-commit-msg.js'),
  'commit-msg': () => import('./commit-msg.js'),
  'claude-session-start': () => import('./claude-session-start.js'),
  'claude-pre-compact': () => import('./claude-pre-compact.js'),
  'claude-stop': () => import('./claude-stop.js'),
  'claude-pre-tool-use': () => import('./claude-pre-tool-use.js'),
  'gemini-after-tool': () => import('./gemini-after-tool.js'),
  'edit-index': () => import('./edit-index-build.js'),
  'gemini-session-start': () => import('./gemini-session-start.js'),
  // Gemini CLI's PreCompress does what Claude Code's PreCompact does: write a checkpoint.
  'gemini-pre-compress': () => import('./gemini-pre-compress.js'),
};

/**
 * Runs `git-session hook <name> [args]`. Any internal error lets the commit (or the
 * assistant) through with one line on stderr: a hook must never be in the way, unless
 * the person chose strict mode, which refuses a commit the hooks could not check.
 */
export async function runHook(argv: string[], ctx: CommandContext): Promise<CommandResult> {
  const [name, ...args] = argv;
  const load = name ? HOOKS[name] : undefined;
  if (!load) return { stderr: `git-session: unknown hook "${name ?? ''}"; nothing done.\n` };
  if (ctx.env.GIT_SESSION === '0') return {};
  try {
    const result = await (await load()).default(args, ctx);
    if (ctx.env.GIT_SESSION_DEBUG_LOADS !== '1') return result;
    const line = `git-session: ${name} loaded: ${lazyLoads().join(', ') || 'nothing lazy'}\n`;
    const calls = `git-session: ${name} ran git: ${gitCalls().join(', ') || 'nothing'}\n`;
    return { ...result, stderr: (result.stderr ?? '') + line + calls };
  } catch (error) {
    const said = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    // A message may quote a value of a cloned .gitsession: no terminal control and no
    // secret from it. The secret rules load only on this path, and a failure to load them
    // must not stop the commit (stderr is cleaned on its way out whatever happens).
    const message = await import('../core/redact/index.js').then(({ redactShown }) => redactShown(said, {})).catch(() => said);
    // Strict mode asked for no commit the hooks could not check; any other lets it through.
    if (GIT_HOOKS.has(name!) && strictChosen(ctx)) {
      return {
        stderr: `git-session: ${name} failed, and strict mode refuses a commit it could not check: ${message}\ngit-session: fix that, or commit once with GIT_SESSION_MODE=remind (or --no-verify).\n`,
        exitCode: ExitCode.Refused,
      };
    }
    return { stderr: `git-session: ${name} skipped: ${message}\n`, exitCode: 0 };
  }
}

const GIT_HOOKS = new Set(['pre-commit', 'prepare-commit-msg', 'commit-msg']);

/**
 * Whether the person chose strict mode: for this commit, or in `.gitsession`, read
 * loosely when it does not parse (a broken settings file must not switch strict off).
 */
function strictChosen(ctx: CommandContext): boolean {
  let configured: PromptMode;
  try {
    // Hooks run at the top of the work tree.
    configured = loadConfig(ctx.cwd).prompt.mode;
  } catch {
    let text = '';
    try {
      text = readFileSync(join(ctx.cwd, CONFIG_FILE), 'utf8');
    } catch {
      // Unreadable: nothing says strict.
    }
    configured = /^\s*\[\s*prompt\s*\][^[]*^\s*mode\s*=\s*"?strict\b/im.test(text) ? 'strict' : 'remind';
  }
  return promptModeOf(ctx.env, configured) === 'strict';
}
