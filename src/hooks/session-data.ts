import { cachedSummary, storeSummary } from '../adapters/commit-state.js';
import { git } from '../adapters/git.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { addedKinds, newEntries, type SessionEntry } from '../core/pipeline/session-diff.js';
import type { SessionSummary } from '../core/pipeline/session-summary.js';
import { lazy } from './lazy.js';

export interface Where {
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionFile: string;
  cachePath: string;
}

/**
 * Refuses a staged session file that is not text: git hands the blob over decoded, so
 * a NUL byte or a replacement character (an invalid UTF-8 sequence) is all that shows.
 */
function assertText(source: string, file: string): void {
  const problem = source.includes('\0') ? 'looks binary (it contains NUL bytes)' : source.includes('\uFFFD') ? 'is not valid UTF-8' : undefined;
  if (!problem) return;
  throw new GitSessionError(ExitCode.BadInput, `${problem}.`, {
    file,
    fix: `Restore it (git restore --staged --worktree ${file}) or re-save it as UTF-8 text.`,
  });
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
  assertText(source, w.sessionFile);
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
  /** Those the base did not hold: what this commit would newly put into history. */
  newSecretKinds: string[];
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
    newSecretKinds: addedKinds(previous?.secretKinds ?? [], summary.secretKinds),
  };
}
