import { fstatSync, readFileSync } from 'node:fs';
import { parsePreflight, sessionBlobs, type Preflight } from '../core/pipeline/preflight.js';
import { commitStateAt, type CommitState } from './commit-state.js';

/**
 * The text the pre-commit hook line pipes in (see core/pipeline/preflight.ts), parsed;
 * undefined when stdin is not a pipe (git gives hooks /dev/null) or the text is not
 * complete. Reading blocks only until the few git calls in the pipe have finished.
 */
export function readPreflight(): Preflight | undefined {
  try {
    if (!fstatSync(0).isFIFO()) return undefined;
    return parsePreflight(readFileSync(0, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The commit state from the piped text, or undefined when it does not say where the session file's blobs are. */
export function preflightState(p: Preflight, sessionFile: string): CommitState | undefined {
  const blobs = sessionBlobs(p, sessionFile);
  if (!blobs) return undefined;
  const state = commitStateAt(p.root, p.gitDir, p.stateDir, {
    HEAD: p.head,
    [`:${sessionFile}`]: blobs.staged,
    [`HEAD:${sessionFile}`]: blobs.base,
  });
  return blobs.mode === undefined ? state : { ...state, sessionMode: blobs.mode };
}
