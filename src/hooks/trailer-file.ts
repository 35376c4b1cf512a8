import { readdirSync, readFileSync } from 'node:fs';
import { readState, removeShortcut, writeState } from '../adapters/state-dir.js';
import { removeFile } from '../adapters/fs.js';
import { basename, join } from 'node:path';
import { handOffName, WOVEN } from '../core/hook-lines.js';
import { decodeHandOff, encodeHandOff, type PlannedTrailer } from '../core/pipeline/trailer-plan.js';
import { latin1Text } from '../core/pipeline/preflight.js';

/**
 * The hand-off from pre-commit to prepare-commit-msg: `git interpret-trailers`
 * arguments, NUL-separated, in `<state dir>/hand-off-<commit>` (see handOffName in
 * hook-lines). The hook script feeds it to git with `xargs -0` for -m and -F commits.
 */
export function handOffPath(stateDir: string, env: NodeJS.ProcessEnv): string {
  return join(stateDir, handOffName(env));
}

/**
 * Writes the hand-off. With a message encoding other than UTF-8 (`i18n.commitEncoding`)
 * the arguments are written in it, because the hook script hands them to git as they
 * are and git puts those bytes into the message (see latin1Text).
 */
export function writeTrailerFile(path: string, trailers: readonly PlannedTrailer[], encoding?: 'latin1'): void {
  const text = encodeHandOff(trailers);
  if (text === '') return;
  writeState(path, encoding ? Buffer.from(latin1Text(text), 'latin1') : text);
}

/**
 * What the prepare-commit-msg line of the first versions looks for before it starts
 * the binary (`git-session/trailers`, not empty): written beside the hand-off when
 * the commit came through such a line (no GIT_SESSION_COMMIT), so that its trailers
 * are woven until `init` replaces the line.
 */
export function markForOldLine(stateDir: string, env: NodeJS.ProcessEnv): void {
  if (env.GIT_SESSION_COMMIT === undefined) writeState(join(stateDir, OLD_LINE_MARK), '1\n');
}

const OLD_LINE_MARK = 'trailers';

/**
 * Beside the hand-off on an amend: the trailer lines the amended commit should carry
 * (NUL-separated, possibly none), so prepare-commit-msg can take out the ones of ours
 * the commit's content no longer holds.
 */
export function replanPath(stateDir: string, env: NodeJS.ProcessEnv): string {
  return join(stateDir, handOffName(env).replace(/^hand-off/, 'replan'));
}

/** Every trailer of our keys, in a replan: the amended commit's session file could not be read. */
export const ALL_OURS = '*';

/**
 * Leaves an amend's replan for prepare-commit-msg: the trailer lines git-session may
 * have woven into the amended message (see CommitPlan.ours), or {@link ALL_OURS}.
 */
export function writeReplan(path: string, ours: readonly string[] | undefined): void {
  writeState(path, (ours ?? [ALL_OURS]).map((line) => `${line}\0`).join(''));
}

/** The lines of an amend's replan, removing the file; undefined when this commit is no amend pre-commit saw. */
export function takeReplan(path: string): string[] | undefined {
  const text = readState(path);
  if (text === undefined) return undefined;
  removeFile(path);
  return text.split('\0').filter((t) => t !== '');
}

/** The arguments in the hand-off, or [] when there is none. */
export function readTrailerFile(path: string, encoding: 'utf8' | 'latin1' = 'utf8'): string[] {
  try {
    return decodeHandOff(readFileSync(path).toString(encoding));
  } catch {
    return [];
  }
}

export function removeTrailerFile(path: string): void {
  removeFile(path);
}

/**
 * Removes every hand-off (and the shortcut) in the state dir: pre-commit does this first, so whatever an
 * earlier commit left behind can never reach this one.
 */
export function removeTrailerFiles(stateDir: string): void {
  let names: string[];
  try {
    names = readdirSync(stateDir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith('hand-off') || name.startsWith('replan') || name === OLD_LINE_MARK) removeFile(join(stateDir, name));
  // The shortcut is left for the commit after the one that wrote it, never for a later one: a commit the binary runs takes it away first.
  removeShortcut(stateDir);
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

export function writeWoven(stateDir: string, trailers: readonly string[], template?: string): void {
  writeState(wovenPath(stateDir), JSON.stringify({ trailers, ...(template !== undefined ? { template } : {}) }));
}

/** The trailers in the woven file (and the template message they were woven into), removing it. */
export function takeWoven(stateDir: string): { trailers: string[]; template?: string } {
  const path = wovenPath(stateDir);
  const text = readState(path);
  removeFile(path);
  try {
    const w = JSON.parse(text ?? '') as { trailers?: unknown; template?: unknown };
    const trailers = Array.isArray(w.trailers) ? w.trailers.filter((t): t is string => typeof t === 'string') : [];
    return { trailers, ...(typeof w.template === 'string' ? { template: w.template } : {}) };
  } catch {
    // Written by an earlier version: NUL-separated trailers.
    return { trailers: (text ?? '').split('\0').filter((t) => t !== '') };
  }
}
