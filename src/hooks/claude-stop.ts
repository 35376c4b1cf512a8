import type { CommandContext, CommandResult } from '../context.js';
import { stopReminder } from '../core/context/stop-message.js';
import { hookSetup, isNotARepo } from './claude-input.js';

/**
 * Claude Code Stop hook. When code changed since SESSION.md was last updated, it asks
 * for the session state to be updated, once per stop (never while `stop_hook_active`):
 * - strict: exit 2 with the request on stderr; Claude Code feeds it to the assistant,
 *   which continues and updates SESSION.md.
 * - remind: exit 0 with `{"systemMessage": …}` on stdout, which Claude Code shows to the
 *   user; the assistant stops as usual.
 * - off: nothing.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const { input, ctx, optedIn } = await hookSetup(base);
  // Asking for a session file the repository never chose to keep would hold up every
  // repository a user-level settings file reaches.
  if (input.stopHookActive || !optedIn) return {};
  const { gatherContext } = await import('../commands/context.js');
  const { invocation, withInvocation } = await import('../adapters/invocation.js');
  try {
    const { config, data } = await gatherContext(ctx, { tolerant: true, viewIfStale: true });
    const mode = config.assistant.stopMode;
    if (mode === 'off' || !data.sessionExists || !data.staleness.stale) return {};
    const message = withInvocation(stopReminder(data), invocation(ctx.env));
    if (mode === 'strict') return { stderr: message + '\n', exitCode: 2 };
    return { stdout: JSON.stringify({ systemMessage: message }) + '\n' };
  } catch (error) {
    if (isNotARepo(error)) return {};
    throw error;
  }
}
