import type { CommandContext, CommandResult } from '../context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { addKeyFile, hasEntry, inlineText, parseSession } from '../core/session/index.js';

/** `git session key-file <path> [why]`: records a file that matters and why. */
export async function keyFile(args: { path: string; why?: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.path ?? ''), 'path');
  const path = String(args.path).replace(/\s+/g, ' ').trim();
  const why = args.why !== undefined && args.why.trim() !== '' ? args.why.replace(/\s+/g, ' ').trim() : null;
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  let known = false;
  updateSessionFile(
    file,
    (s) => ((known = hasEntry(s, 'keyFiles', path)) ? s : addKeyFile(s, { path: args.path, why })),
    (s) => void parseSession(s, file.display),
  );
  if (known) return { stdout: `Already recorded in ${file.display}: ${path}\n` };
  return { stdout: `Recorded key file in ${file.display}: ${path}${why ? ` — ${why}` : ''}\n` };
}
