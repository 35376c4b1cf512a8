import { cachedSummary, storeSummary } from '../adapters/commit-state.js';
import { git } from '../adapters/git.js';
import { newEntries, type SessionEntry } from '../core/pipeline/session-diff.js';
import type { SessionSummary } from '../core/pipeline/session-summary.js';
import { lazy } from './lazy.js';

export interface Where {
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionFile: string;
  cachePath: string;
}

/**
 * The summary of a session file blob: from the cache (primed by the commands that write
 * the file, and by earlier commits), or read, parsed, redacted and cached. Only a miss
 * (a hand edit) loads the markdown parser and the secret scanner.
 */
export async function summaryFor(w: Where, blob: string): Promise<SessionSummary> {
  const cached = cachedSummary(w.cachePath, blob);
  if (cached) return cached;
  const source = (await git(['cat-file', 'blob', blob], { cwd: w.cwd, env: w.env })).stdout;
  const { summarizeSession } = await lazy('session-parser', () => import('../core/pipeline/session-summary.js'));
  const summary = await summarizeSession(source, w.sessionFile);
  storeSummary(w.cachePath, [blob], summary);
  return summary;
}

/** What the commit adds to the session file, ready to leave it (private parts out, secrets redacted). */
export interface SessionDelta {
  summary: SessionSummary;
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  /** Kinds of secrets found in the staged file itself. */
  secretKinds: string[];
}

/**
 * Compares the staged session file with the base's (HEAD's, or its parent's on an
 * amend): decisions and dead ends whose text is new. A base without the file (a first
 * commit), or one the parser refuses, makes every entry new.
 */
export async function sessionDelta(w: Where, blob: string, baseBlob: string | undefined): Promise<SessionDelta> {
  const summary = await summaryFor(w, blob);
  let previous: SessionSummary | undefined;
  try {
    previous = baseBlob ? await summaryFor(w, baseBlob) : undefined;
  } catch {
    previous = undefined;
  }
  return {
    summary,
    decisions: newEntries(previous?.decisions ?? [], summary.decisions),
    deadEnds: newEntries(previous?.deadEnds ?? [], summary.deadEnds),
    secretKinds: summary.secretKinds,
  };
}
