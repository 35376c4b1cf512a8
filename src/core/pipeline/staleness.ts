import type { JournalFile } from '../journal/entry.js';
import { changedLines } from './numstat.js';
import { normalisePath, touchedKeyFiles } from './paths.js';

/** What a commit changes, seen from the session file's side. */
export interface Staleness {
  /** The commit changes the session file. */
  updated: boolean;
  /** Changed lines outside the session file and the journal. */
  changedLines: number;
  /** Files changed outside the session file and the journal. */
  files: string[];
  /** Key files (as listed in the session file) that the commit touches. */
  keyFilesTouched: string[];
  /** Not updated, and the change is substantial: over the threshold or a key file touched. */
  stale: boolean;
}

export interface StalenessInput {
  files: readonly JournalFile[];
  sessionFile: string;
  isJournal: (path: string) => boolean;
  keyFiles: readonly string[];
  threshold: number;
}

/** Decides whether the session file should have been updated by this commit. */
export function assessStaleness(input: StalenessInput): Staleness {
  const session = normalisePath(input.sessionFile);
  const updated = input.files.some((f) => normalisePath(f.path) === session);
  const code = input.files.filter((f) => normalisePath(f.path) !== session && !input.isJournal(f.path));
  const lines = changedLines(code);
  const paths = code.map((f) => f.path);
  const keyFilesTouched = touchedKeyFiles(paths, input.keyFiles);
  const substantial = code.length > 0 && (lines >= input.threshold || keyFilesTouched.length > 0);
  return { updated, changedLines: lines, files: paths, keyFilesTouched, stale: !updated && substantial };
}
