import { readState, statePathOf, writeState, type RepoDirs } from './edit-state.js';

/** Sessions remembered; older ones are dropped. */
const SESSIONS_KEPT = 64;

/** Per assistant session, each file told about and the fingerprint of what it was told. */
type Told = { sessions: Record<string, Record<string, string>> };

function read(file: string): Record<string, Record<string, string>> {
  const told = readState<Told>(file);
  return told?.sessions && typeof told.sessions === 'object' ? told.sessions : {};
}

/** What this session was last told about the file (its fingerprint), if anything. */
export function toldBefore(dirs: RepoDirs, session: string | undefined, path: string): string | undefined {
  if (session === undefined) return undefined;
  return read(statePathOf(dirs, 'told'))[session]?.[path];
}

/**
 * Records what this session was told about the file. The one writer of `told.json`,
 * with {@link forgetTold}.
 */
export function rememberTold(dirs: RepoDirs, session: string | undefined, path: string, fingerprint: string): void {
  if (session === undefined) return;
  const file = statePathOf(dirs, 'told');
  const sessions = read(file);
  const mine = sessions[session] ?? {};
  delete sessions[session];
  const kept = Object.entries(sessions).slice(-(SESSIONS_KEPT - 1));
  writeState(file, { sessions: Object.fromEntries([...kept, [session, { ...mine, [path]: fingerprint }]]) });
}

/**
 * Forgets what a session was told, for when its conversation loses it (a compaction
 * keeps the session id but not what was said): each file is told again on its next
 * read or edit. Without a session id, every session is forgotten, as the one that
 * lost its context cannot be told apart.
 */
export function forgetTold(dirs: RepoDirs, session: string | undefined): void {
  const file = statePathOf(dirs, 'told');
  const sessions = read(file);
  // A subagent's conversation within it (session/agent) goes with it.
  const rest = Object.entries(sessions).filter(([id]) => session !== undefined && id !== session && !id.startsWith(`${session}/`));
  if (rest.length === Object.keys(sessions).length) return;
  writeState(file, { sessions: Object.fromEntries(rest) });
}
