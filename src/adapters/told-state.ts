import { readState, statePathOf, writeState } from './edit-state.js';
import { type RepoDirs } from './repo-layout.js';
import { lockPath, withLock } from './lock.js';
import { GitSessionError } from '../errors.js';

/** Sessions remembered; older ones are dropped. */
const SESSIONS_KEPT = 64;

/**
 * Per assistant conversation, each file told about and the fingerprint of what it was
 * told; and per session, the git dirs of the other repositories (nested in the
 * project, linked worktrees) whose files it was told about, in their own `told.json`.
 */
type Told = { sessions: Record<string, Record<string, string>>; elsewhere?: Record<string, string[]> };

function readAll(file: string): Told {
  const told = readState<Told>(file);
  const sessions = told?.sessions && typeof told.sessions === 'object' ? told.sessions : {};
  const elsewhere = told?.elsewhere && typeof told.elsewhere === 'object' ? told.elsewhere : {};
  return { sessions, elsewhere };
}

function read(file: string): Record<string, Record<string, string>> {
  return readAll(file).sessions;
}

/** How long a hook waits for another one's turn at `told.json`: each holds it for a read and a write. */
const TURN_WAIT_MS = 1_000;

/**
 * Runs a read and write of `told.json` in turn with the other hooks: an assistant runs
 * its tool calls in parallel, one hook each, and two writers reading the same old file
 * lost each other's entries. Where the turn does not come (a stuck lock, a git dir
 * that cannot be written), `otherwise`.
 */
function inTurn<T>(dirs: RepoDirs, fn: () => T, otherwise: () => T): T {
  let turn = false;
  try {
    return withLock(lockPath(dirs.gitDir, 'told'), () => ((turn = true), fn()), { waitMs: TURN_WAIT_MS, what: 'told.json' });
  } catch (error) {
    if (turn || !(error instanceof GitSessionError)) throw error;
    return otherwise();
  }
}

/** A pause between reading and writing, for tests that make two hooks meet there. */
function testPause(): void {
  const ms = Number(process.env.GIT_SESSION_TEST_TOLD_PAUSE_MS);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** What this session was last told about the file (its fingerprint), if anything. */
export function toldBefore(dirs: RepoDirs, session: string | undefined, path: string): string | undefined {
  if (session === undefined) return undefined;
  return read(statePathOf(dirs, 'told'))[session]?.[path];
}

/**
 * Records what this session is told about the file, unless a hook running beside this
 * one told it the same meanwhile: false then, and this one says nothing. Every writer
 * of `told.json` (this, {@link rememberElsewhere}, {@link forgetTold}) reads and writes
 * it in turn (see inTurn).
 */
export function rememberTold(dirs: RepoDirs, session: string | undefined, path: string, fingerprint: string): boolean {
  if (session === undefined) return true;
  const file = statePathOf(dirs, 'told');
  return inTurn(
    dirs,
    () => {
      const all = readAll(file);
      const sessions = all.sessions;
      const mine = sessions[session] ?? {};
      if (mine[path] === fingerprint) return false;
      testPause();
      delete sessions[session];
      const kept = Object.entries(sessions).slice(-(SESSIONS_KEPT - 1));
      writeState(file, { ...all, sessions: Object.fromEntries([...kept, [session, { ...mine, [path]: fingerprint }]]) });
      return true;
    },
    // Told without being remembered: the file is told again next time, never not at all.
    () => true,
  );
}

/**
 * Forgets what a session was told, for when its conversation loses it (a compaction
 * keeps the session id but not what was said): each file is told again on its next
 * read or edit. Without a session id, every session is forgotten, as the one that
 * lost its context cannot be told apart.
 */
export function forgetTold(dirs: RepoDirs, session: string | undefined): void {
  const file = statePathOf(dirs, 'told');
  let others: string[] = [];
  const forget = () => {
    const all = readAll(file);
    const sessions = all.sessions;
    const elsewhere = all.elsewhere ?? {};
    // A subagent's conversation within it (session/agent) goes with it.
    const rest = Object.entries(sessions).filter(([id]) => session !== undefined && id !== session && !id.startsWith(`${session}/`));
    const gone = Object.keys(elsewhere).filter((id) => session === undefined || id === session);
    others = [...new Set(gone.flatMap((id) => elsewhere[id] ?? []))];
    if (rest.length === Object.keys(sessions).length && gone.length === 0) return;
    for (const id of gone) delete elsewhere[id];
    writeState(file, { sessions: Object.fromEntries(rest), elsewhere });
  };
  // Forgotten out of turn rather than not at all: a conversation that lost what it was told must be told again.
  inTurn(dirs, forget, forget);
  // The other repositories it was told about keep their own record: forgotten there too.
  for (const gitDir of others) if (gitDir !== dirs.gitDir) forgetTold({ root: dirs.root, gitDir, commonDir: gitDir }, session);
}

/**
 * Notes in the project's repository (`home`, where the session's compaction hooks run)
 * that this session was told about files of another one (`gitDir`: a repository nested
 * in the project, a linked worktree): its compaction forgets them there too.
 */
export function rememberElsewhere(home: RepoDirs, session: string | undefined, gitDir: string): void {
  if (session === undefined || home.gitDir === gitDir) return;
  const file = statePathOf(home, 'told');
  const note = () => {
    const all = readAll(file);
    const elsewhere = all.elsewhere ?? {};
    const mine = elsewhere[session] ?? [];
    if (mine.includes(gitDir)) return;
    delete elsewhere[session];
    const kept = Object.entries(elsewhere).slice(-(SESSIONS_KEPT - 1));
    writeState(file, { ...all, elsewhere: Object.fromEntries([...kept, [session, [...mine, gitDir].slice(-16)]]) });
  };
  inTurn(home, note, () => undefined);
}
