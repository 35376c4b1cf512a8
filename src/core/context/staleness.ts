import type { ContextStaleness } from './types.js';

/** Facts about the work tree, gathered by the caller from git and the file system. */
export interface StalenessFacts {
  sessionCommit: string | null;
  /** Per commit since `sessionCommit` (or all commits when it is null): the files it changed. */
  commitsSince: string[][];
  /** Uncommitted changed paths (staged, unstaged, untracked). */
  uncommitted: string[];
  /** Modification times (ms) of the uncommitted paths that still exist. */
  mtimes: Record<string, number>;
  /** Modification time (ms) of the session file; undefined when it is missing. */
  sessionMtime: number | undefined;
  isSessionFile: (path: string) => boolean;
  /** Files the tool writes itself (the journal, `.gitsession`): changing them is no code change. */
  isToolFile: (path: string) => boolean;
}

/**
 * Decides whether the session file lags behind the code. When it has uncommitted edits
 * the person (or assistant) is updating it now: only code edited after it counts, so a
 * freshly updated SESSION.md stops the reminders even before it is committed.
 */
export function assessSessionStaleness(facts: StalenessFacts): ContextStaleness {
  const other = (p: string) => !facts.isSessionFile(p) && !facts.isToolFile(p);
  const codeCommits = facts.commitsSince.map((files) => files.filter(other)).filter((files) => files.length > 0);
  const filesSince = [...new Set(codeCommits.flat())].sort();
  const sessionEdited = facts.uncommitted.some((p) => facts.isSessionFile(p));
  const uncommitted = facts.uncommitted.filter(other);
  let stale: boolean;
  if (sessionEdited && facts.sessionMtime !== undefined) {
    const since = facts.sessionMtime;
    stale = uncommitted.some((p) => (facts.mtimes[p] ?? 0) > since);
  } else {
    stale = codeCommits.length > 0 || uncommitted.length > 0;
  }
  return {
    stale,
    sessionCommit: facts.sessionCommit,
    commitsSince: codeCommits.length,
    filesSince,
    uncommitted,
    sessionEdited,
  };
}
