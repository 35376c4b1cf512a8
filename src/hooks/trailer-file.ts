import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PlannedTrailer } from '../core/pipeline/trailer-plan.js';

/**
 * The hand-off from pre-commit to prepare-commit-msg: the trailers to weave, and the
 * pid of the git process that ran pre-commit, so a file left by a commit that failed
 * in between is never woven into a later one.
 */
export interface TrailerHandOff {
  gitPid: number | null;
  trailers: PlannedTrailer[];
}

export function writeTrailerFile(path: string, handOff: TrailerHandOff): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(handOff) + '\n');
}

/** The hand-off, or undefined when there is none or it cannot be read. */
export function readTrailerFile(path: string): TrailerHandOff | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<TrailerHandOff>;
    if (!Array.isArray(data.trailers)) return undefined;
    const trailers = data.trailers.filter(
      (t): t is PlannedTrailer => typeof t?.line === 'string' && (t.ifExists === 'addIfDifferent' || t.ifExists === 'replace'),
    );
    return { gitPid: typeof data.gitPid === 'number' ? data.gitPid : null, trailers };
  } catch {
    return undefined;
  }
}

export function removeTrailerFile(path: string): void {
  rmSync(path, { force: true });
}
