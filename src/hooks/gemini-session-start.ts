import type { CommandContext, CommandResult } from '../context.js';
import { sessionStartContext } from './claude-session-start.js';

/**
 * Gemini CLI SessionStart hook (startup, resume, clear). Gemini CLI shows a hook's
 * plain stdout to the person only; what reaches the model is the JSON field
 * hookSpecificOutput.additionalContext, so the context goes there.
 */
export default async function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  const text = await sessionStartContext(base);
  if (text === undefined) return {};
  return { stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: text } }) + '\n' };
}
