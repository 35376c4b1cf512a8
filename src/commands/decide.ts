import type { CommandContext, CommandResult } from '../context.js';
import { recordEntry } from './record-entry.js';

/** `git session decide <text> [--because <reason>] [--supersedes <old>]`: adds a decision to the session file. */
export function decide(args: { text: string; because?: string; supersedes?: string }, ctx: CommandContext): Promise<CommandResult> {
  return recordEntry('decisions', args.text, args.because, ctx, args.supersedes);
}
