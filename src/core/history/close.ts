/**
 * The journal heading of the entry `git session new` writes when it closes a session:
 * `### <time> · close · <branch> · <author>`. A commit whose tree diff adds one closes
 * the session, and the decisions it removes from the session file stay in force.
 */
export const CLOSE_HEADING = /^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} · close · /;

/**
 * Whether a work tree's session file holding `items` decisions and dead ends reads as a
 * session closed (`git session new` rewrote it, the close not committed yet) rather
 * than one whose every item was withdrawn: a close leaves its items in force as
 * history, so nothing is taken out of force by it.
 */
export function readsAsClose(items: number): boolean {
  return items === 0;
}
