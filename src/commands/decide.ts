import type { CommandContext, CommandResult } from '../context.js';
import { recordEntry } from './record-entry.js';

/** `git session decide <text> [--because <reason>]`: adds a decision to the session file. */
export function decide(args: { text: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  return recordEntry('decisions', args.text, args.because, ctx);
}
