import { readState, statePathOf, writeState, type RepoDirs } from './edit-state.js';

/** Sessions remembered; older ones are dropped. */
const SESSIONS_KEPT = 32;

/** Per assistant session, each file told about and the fingerprint of what it was told. */
type Told = { sessions: Record<string, Record<string, string>> };

function read(file: string): Record<string, Record<string, string>> {
  const told = readState<Told>(file);
  return told?.sessions && typeof told.sessions === 'object' ? told.sessions : {};
}

/**
 * Whether this session was already told exactly this about the file; records it when
 * not. The one reader and writer of `told.json`, with {@link forgetTold}.
 */
export function alreadyTold(dirs: RepoDirs, session: string | undefined, path: string, fingerprint: string): boolean {
  if (session === undefined) return false;
  const file = statePathOf(dirs, 'told');
  const sessions = read(file);
  const mine = sessions[session] ?? {};
  if (mine[path] === fingerprint) return true;
  delete sessions[session];
  const kept = Object.entries(sessions).slice(-(SESSIONS_KEPT - 1));
  writeState(file, { sessions: Object.fromEntries([...kept, [session, { ...mine, [path]: fingerprint }]]) });
  return false;
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
