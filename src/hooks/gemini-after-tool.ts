import type { CommandContext, CommandResult } from '../context.js';
import { editContext } from './edit-context.js';

/**
 * Gemini CLI AfterTool (read_file, replace, write_file): its BeforeTool output has no
 * field for context, so the file's decisions come with the tool's result instead.
 */
export default function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  return editContext(base, 'AfterTool');
}
