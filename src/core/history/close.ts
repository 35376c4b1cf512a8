/**
 * The journal heading of the entry `git session new` writes when it closes a session:
 * `### <time> · close · <branch> · <author>`. A commit whose tree diff adds one closes
 * the session, and the decisions it removes from the session file stay in force.
 */
export const CLOSE_HEADING = /^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} · close · /;
