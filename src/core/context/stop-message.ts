import { updateCommands } from '../pipeline/messages.js';
import type { ContextData } from './types.js';
import { shownPath } from '../text/shown-path.js';

function shown(paths: readonly string[], max = 5): string {
  const head = paths.slice(0, max).map(shownPath).join(', ');
  return paths.length > max ? `${head} and ${paths.length - max} more` : head;
}

/**
 * What the Stop hook tells the assistant when the code moved on but the session file
 * did not: what changed, which sections to update, and the exact commands.
 */
export function stopReminder(data: ContextData): string {
  const s = data.staleness;
  const changed: string[] = [];
  if (s.uncommitted.length > 0) changed.push(`uncommitted changes to ${shown(s.uncommitted)}`);
  if (s.commitsSince > 0) changed.push(`${s.commitsSince} commit(s) touching ${shown(s.filesSince)}`);
  const what = changed.length > 0 ? changed.join('; ') : 'code changes';
  return [
    `git-session: ${data.sessionFile} is behind the code (${what}).`,
    `Before you stop, update its Status, Decisions and Dead Ends sections to match what you did:`,
    ...updateCommands(),
    `Record only what is true; if nothing is worth recording, set the status.`,
  ].join('\n');
}
