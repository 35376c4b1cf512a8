import type { CommandContext, CommandResult } from '../cli/context.js';
import { renderContextMarkdown } from '../core/context/render.js';
import { hookSetup, isNotARepo } from './claude-input.js';

/**
 * Claude Code SessionStart hook (startup, resume, clear, compact): prints the session
 * context on stdout, which Claude Code adds to the assistant's context.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const { input, ctx } = await hookSetup(base);
  const { gatherContext } = await import('../commands/context.js');
  const { invocation } = await import('../adapters/invocation.js');
  try {
    const { data } = await gatherContext(ctx, { tolerant: true });
    const note =
      input.source === 'compact'
        ? 'The conversation was just compacted: the session state below is current; keep SESSION.md up to date.\n\n'
        : '';
    return { stdout: note + renderContextMarkdown(data, invocation(ctx.env)) };
  } catch (error) {
    if (isNotARepo(error)) return {};
    throw error;
  }
}
