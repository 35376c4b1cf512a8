import type { CommandContext, CommandResult } from '../context.js';
import { loadConfig } from '../adapters/config.js';
import { locateSessionFile, readSessionFile, writeSessionFile } from '../adapters/session-file.js';
import { readTemplate } from '../adapters/templates.js';
import { GitSessionError } from '../errors.js';
import { freshSession } from '../core/session/fresh.js';
import { parseSession } from '../core/session/index.js';
import { writeCheckpoint } from './checkpoint.js';

/**
 * `git session new <goal>`: closes the current session (its final state goes to the
 * journal as a close entry, which tells readers that the decisions this removes from
 * the session file stay in force) and starts the file afresh from the template,
 * keeping the sections configured to outlive a task (session.keep).
 */
export async function newSession(args: { goal: string }, ctx: CommandContext): Promise<CommandResult> {
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  const config = loadConfig(file.repo.root);
  let old: string | null = null;
  try {
    old = readSessionFile(file);
    // A file that does not parse is refused before anything is written.
    parseSession(old, file.display);
  } catch (error) {
    if (!(error instanceof GitSessionError) || old !== null) throw error;
  }
  const text = freshSession(readTemplate('SESSION.md'), old, args.goal, config.keepSections);
  const closed = config.journal.enabled && old !== null ? await writeCheckpoint(ctx, 'close') : undefined;
  writeSessionFile(file, text);
  const kept = config.keepSections.join(', ');
  return {
    stdout:
      (closed ? `Closed the session in ${closed.path}.\n` : '') +
      `Started a new session in ${file.display} (kept: ${kept || 'nothing'}). Commit both to record the change.\n`,
  };
}
