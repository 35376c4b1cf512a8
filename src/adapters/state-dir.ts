import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The files git-session keeps in `$(git rev-parse --git-path git-session)`: per work
 * tree, never committed. This module owns their names and the one way they are
 * written (a temp file renamed over the old one), so a reader never sees half a file
 * and a kill leaves either the old or the new one.
 */
export const STATE_FILES = {
  /** Parsed summaries of session file blobs (see core/pipeline/summary-cache.ts). */
  cache: 'cache.json',
  /** The session file text last staged or written by a command. */
  sessionText: 'session-text.json',
  /** Where the last journal entry went, so a retried commit replaces it. */
  lastEntry: 'last-entry.json',
  /** What the hook script needs to journal the next commit without the binary (see core/pipeline/commit-shortcut.ts), sourced by it. */
  shortcut: 'commit-shortcut',
  /** Where the last entry went, for that shortcut: rewritten by the script after each entry it writes. */
  shortcutLast: 'commit-shortcut-last',
  /** What that shortcut was made from, for a command that writes the session file to make the next one from. */
  shortcutInput: 'commit-shortcut.json',
  /** Left by a command that wrote the session file: the entry's lines for the commit that stages it. */
  shortcutStaged: 'commit-shortcut-staged',
  /** Its trailers, as the hand-off holds them. */
  shortcutTrailers: 'commit-shortcut-trailers',
  /** The shortcut for the commit after it, which the script puts in place once it has journaled that commit. */
  shortcutAfter: 'commit-shortcut-after',
  /** What git-session's own commands spliced into the session file, not yet committed. */
  ownedEdits: 'owned-edits.json',
  /** The trailers prepare-commit-msg wove into an empty editor message, for commit-msg. */
  woven: 'woven',
  /** Files an assistant was already told about, per assistant session. */
  told: 'told.json',
  /** Each file's decisions in force for the current HEAD (the edit-time hook's index). */
  editIndex: 'edit-index.json',
  /** Set while a detached process builds the edit-time index. */
  editIndexBuilding: 'edit-index.building',
  /** What that index is built from, with the HEAD it was read at: a HEAD one commit on reads that commit alone. */
  editHistory: 'edit-history.json',
  /** The decisions and dead ends of each session file version read, by blob id. */
  items: 'items.json',
  /** The readers' walk of HEAD's history, with the HEAD it was made at. */
  record: 'record.json',
  /** Every item of that walk with its status, for the same HEAD. */
  recordItems: 'record-items.json',
  /** The journal entries each commit of HEAD's history added, with the HEAD they were read at. */
  journal: 'journal.json',
  /** Where that journal shows a commit with other entries than its own diff added, for the same HEAD. */
  journalMoves: 'journal-moves.json',
  /** The commits `why` read for a line range (each line's last change), with their journal entries, for the same HEAD. */
  blamed: 'blamed.json',
} as const;

export type StateFile = keyof typeof STATE_FILES;

const SHORTCUT_FILES: readonly StateFile[] = ['shortcut', 'shortcutLast', 'shortcutInput', 'shortcutStaged', 'shortcutTrailers', 'shortcutAfter'];

/** Takes the commit shortcut away, every file of it: what one commit leaves for the next goes together. */
export function removeShortcut(stateDir: string): void {
  for (const file of SHORTCUT_FILES) rmSync(statePath(stateDir, file), { force: true });
}

/** The state dir of a git dir. */
export function stateDirOf(gitDir: string): string {
  return join(gitDir, 'git-session');
}

export function statePath(stateDir: string, file: StateFile): string {
  return join(stateDir, STATE_FILES[file]);
}

/**
 * Writes a state file atomically (temp file in the same folder, then rename). Given
 * pieces, writes them one by one: a file of megabytes is never one string in memory.
 */
export function writeState(path: string, data: string | Uint8Array | Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(tmp, data);
  else writePieces(tmp, data);
  renameSync(tmp, path);
}

/** A failure (a full disk, a piece that throws) removes the temp file: megabytes of it would stay. */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    }
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
}

/** {@link writeState} for caches: a failure only costs speed later. */
export function writeStateQuietly(path: string, data: string | Uint8Array | Iterable<string>): boolean {
  try {
    writeState(path, data);
    return true;
  } catch {
    return false;
  }
}

/** A state file's text, or undefined when it is missing or unreadable. */
export function readState(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
