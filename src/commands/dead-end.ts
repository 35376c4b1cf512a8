import type { CommandContext, CommandResult } from '../context.js';
import { recordEntry } from './record-entry.js';

/** `git session dead-end <what> [--because <why>]`: records an approach that was ruled out. */
export function deadEnd(args: { what: string; because?: string }, ctx: CommandContext): Promise<CommandResult> {
  return recordEntry('deadEnds', args.what, args.because, ctx);
}
