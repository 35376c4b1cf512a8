import type { CommandContext, CommandResult } from '../cli/context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { inlineText, parseSession, setStatus as spliceStatus } from '../core/session/index.js';

/** `git session set-status <text>`: replaces the status section's text. */
export async function setStatus(args: { text: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.text ?? ''), 'status');
  const text = String(args.text).replace(/\s+/g, ' ').trim();
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  updateSessionFile(file, (s) => spliceStatus(s, text), (s) => void parseSession(s, file.display));
  return { stdout: `Set status in ${file.display}: ${text}\n` };
}
