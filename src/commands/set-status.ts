import type { CommandContext, CommandResult } from '../context.js';
import { locateSessionFile, updateSessionFile } from '../adapters/session-file.js';
import { applySplice, inlineText, parseSession, planSetStatus } from '../core/session/index.js';
import { saidBack } from './said-back.js';

/** `git session set-status <text>`: replaces the status section's text (a long one is kept below the new line). */
export async function setStatus(args: { text: string }, ctx: CommandContext): Promise<CommandResult> {
  inlineText(String(args.text ?? ''), 'status');
  const text = String(args.text).replace(/\s+/g, ' ').trim();
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  let kept = 0;
  updateSessionFile(
    file,
    (s) => {
      const splice = planSetStatus(s, text);
      kept = splice.kept;
      return applySplice(s, splice);
    },
    (s) => void parseSession(s, file.display),
  );
  const note =
    kept > 0
      ? `git-session: the status section held more than a short status, so its other ${kept} line${kept === 1 ? '' : 's'} stayed below the new one; delete what is out of date by hand.\n`
      : undefined;
  const { said, secret } = await saidBack(text, file.display);
  const stderr = secret + (note ?? '');
  return { stdout: `Set status in ${file.display}: ${said}\n`, ...(stderr ? { stderr } : {}) };
}
