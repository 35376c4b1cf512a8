import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { removeFile } from '../adapters/fs.js';
import { basename, join } from 'node:path';
import { handOffName, WOVEN } from '../core/hook-lines.js';
import { decodeHandOff, encodeHandOff, type PlannedTrailer } from '../core/pipeline/trailer-plan.js';

/**
 * The hand-off from pre-commit to prepare-commit-msg: `git interpret-trailers`
 * arguments, NUL-separated, in `<state dir>/hand-off<author time>` (see HAND_OFF in
 * hook-lines). prepare-commit-msg's shell line feeds it to git with `xargs -0`.
 */
export function handOffPath(stateDir: string, env: NodeJS.ProcessEnv): string {
  return join(stateDir, handOffName(env.GIT_AUTHOR_DATE));
}

export function writeTrailerFile(path: string, trailers: readonly PlannedTrailer[]): void {
  const text = encodeHandOff(trailers);
  if (text === '') return;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** The arguments in the hand-off, or [] when there is none. */
export function readTrailerFile(path: string): string[] {
  try {
    return decodeHandOff(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
}

export function removeTrailerFile(path: string): void {
  removeFile(path);
}

/**
 * Removes every hand-off in the state dir: pre-commit does this first, so whatever an
 * earlier commit left behind can never reach this one.
 */
export function removeTrailerFiles(stateDir: string): void {
  let names: string[];
  try {
    names = readdirSync(stateDir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith('hand-off')) removeFile(join(stateDir, name));
  removeFile(wovenPath(stateDir));
}

/** Where prepare-commit-msg leaves the trailers it wove into an empty editor message (see WOVEN, relative to the git dir). */
export function wovenPath(stateDir: string): string {
  return join(stateDir, basename(WOVEN));
}

/** The trailer texts among `git interpret-trailers` arguments (each follows `--trailer`). */
export function wovenTrailers(args: readonly string[]): string[] {
  return args.flatMap((arg, i) => (i > 0 && args[i - 1] === '--trailer' ? [arg] : []));
}

export function writeWoven(stateDir: string, trailers: readonly string[]): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(wovenPath(stateDir), trailers.map((t) => `${t}\0`).join(''));
}

/** The trailers in the woven file, removing it; [] when there is none. */
export function takeWoven(stateDir: string): string[] {
  const path = wovenPath(stateDir);
  try {
    const text = readFileSync(path, 'utf8');
    return text.split('\0').filter((t) => t !== '');
  } catch {
    return [];
  } finally {
    removeFile(path);
  }
}
