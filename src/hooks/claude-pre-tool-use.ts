import type { CommandContext, CommandResult } from '../context.js';
import { editContext } from './edit-context.js';

/** Claude Code PreToolUse (Read, Edit, MultiEdit, Write, NotebookEdit): the file's decisions still in force. */
export default function hook(_args: string[], base: CommandContext): Promise<CommandResult> {
  return editContext(base, 'PreToolUse');
}
