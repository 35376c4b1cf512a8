import type { CommandContext, CommandResult } from '../context.js';
import { gitCalls } from '../adapters/git.js';
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
  'gemini-pre-compress': () => import('./claude-pre-compact.js'),
};

/**
 * Runs `git-session hook <name> [args]`. Any internal error lets the commit (or the
 * assistant) through with one line on stderr: a hook must never be in the way.
 * Only a hook's intended refusal (strict mode) returns a non-zero exit code.
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
    const message = error instanceof Error ? error.message : String(error);
    return { stderr: `git-session: ${name} skipped: ${message.split('\n')[0]}\n`, exitCode: 0 };
  }
}
