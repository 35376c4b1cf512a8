import type { CommandContext, CommandResult } from '../context.js';
import { renderContextMarkdown } from '../core/context/render.js';
import { hookSetup, isNotARepo } from './claude-input.js';

/**
 * The session context an assistant's SessionStart hook hands over (undefined outside a
 * repository that ran `init`), with a note when the conversation was just compacted.
 */
export async function sessionStartContext(base: CommandContext): Promise<string | undefined> {
  const { input, ctx, optedIn } = await hookSetup(base);
  // Context about a session file the repository never chose to keep is noise in every
  // repository a user-level settings file reaches.
  if (!optedIn) return undefined;
  // A compaction keeps the session id but not the conversation, and /clear empties the
  // conversation whatever id follows: what the edit-time hook told it is gone, so each
  // file is told again. A resumed session gets its transcript back, what was told included.
  if (input.source === 'compact' || input.source === 'clear') {
    const { forgetTold } = await import('../adapters/told-state.js');
    forgetTold(optedIn, input.sessionId);
  }
  const { gatherContext } = await import('../commands/context.js');
  const { invocation } = await import('../adapters/invocation.js');
  try {
    const { data } = await gatherContext(ctx, { tolerant: true });
    const note =
      input.source === 'compact'
        ? 'The conversation was just compacted: the session state below is current; keep SESSION.md up to date.\n\n'
        : '';
    return note + renderContextMarkdown(data, invocation(ctx.env));
  } catch (error) {
    if (isNotARepo(error)) return undefined;
    throw error;
  }
}

/**
 * Claude Code SessionStart hook (startup, resume, clear, compact): prints the session
 * context on stdout, which Claude Code adds to the assistant's context.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const text = await sessionStartContext(base);
  return text === undefined ? {} : { stdout: text };
}
