import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { FileState, Step } from '../core/init/step.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { assertStaysInWorkTree, writeFileAtomic } from './fs.js';

/**
 * Reads a file for the planners: its text and mode, undefined when missing.
 * A directory or unreadable file in the way is an error naming it.
 */
export function readFileState(path: string, root?: string): FileState | undefined {
  const show = (p: string) => (root && !relative(root, p).startsWith('..') ? relative(root, p) : p);
  let mode: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new GitSessionError(ExitCode.BadInput, 'is a directory where git-session expects a file.', {
        file: show(path),
        fix: 'Move the directory away and run the command again.',
      });
    }
    mode = st.mode & 0o7777;
  } catch (error) {
    if (error instanceof GitSessionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') {
      const blocker = fileInTheWay(path);
      throw new GitSessionError(ExitCode.BadInput, `is a file where git-session needs a folder (for ${show(path)}).`, {
        file: show(blocker),
        fix: 'Rename or move that file, then run the command again; nothing was written.',
        cause: error,
      });
    }
    throw new GitSessionError(ExitCode.BadInput, `could not be read (${code ?? String(error)}).`, {
      file: show(path),
      fix: 'Check its permissions (chmod u+r) and run the command again.',
      cause: error,
    });
  }
  const bytes = readFileSync(path);
  const real = realpathSync(path);
  const link = root !== undefined && lstatSync(path).isSymbolicLink() ? inRoot(root, real) : undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, mode, utf8: !text.includes('\0'), real, ...(link ? { linkTarget: link } : {}) };
  } catch {
    return { text: bytes.toString('utf8'), mode, utf8: false, real, ...(link ? { linkTarget: link } : {}) };
  }
}

/** `path` relative to the (real) work tree `root` when it is inside it, with `/` separators. */
function inRoot(root: string, path: string): string | undefined {
  let top = root;
  try {
    top = realpathSync(root);
  } catch {
    // As given.
  }
  const rel = relative(top, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

/** The nearest parent of `path` that exists as a file, blocking the folders under it. */
function fileInTheWay(path: string): string {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return dir;
    } catch {
      // Not there (or also blocked): look further up.
    }
  }
  return path;
}

function failed(path: string, error: unknown, applied: number): GitSessionError {
  // Every step is idempotent, so running the command again finishes the job.
  const progress =
    applied === 0
      ? 'No other file was changed.'
      : `The ${applied} change${applied === 1 ? '' : 's'} listed before it ${applied === 1 ? 'was' : 'were'} applied; run the command again to finish.`;
  if (error instanceof Error && error.name === 'GitSessionError') {
    const known = error as GitSessionError;
    return known.retold({ fix: `${known.fix ?? ''} ${progress}`.trim() });
  }
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new GitSessionError(ExitCode.WriteFailed, `could not be changed (${code}).`, {
    file: path,
    fix: `Make the file and its folder writable and run the command again. ${progress}`,
    cause: error,
  });
}

/** Removes folders left empty by a delete, up to (not including) `stop`, never inside `keep`. */
function pruneEmptyParents(path: string, stop: string, keep: readonly string[]): void {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const rel = relative(stop, dir);
    if (rel === '' || rel.startsWith('..') || keep.some((k) => !relative(k, dir).startsWith('..'))) return;
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/**
 * Applies steps in order. Each write is atomic (temp file and rename), so a failure
 * leaves every file either as it was or as planned. `root` bounds the removal of
 * folders a delete leaves empty; folders under `keep` (git's own) are never removed.
 */
export function applyPlan(steps: readonly Step[], root: string, keep: readonly string[] = []): void {
  // A write a link would carry out of the repository is refused before anything is written.
  for (const step of steps) {
    if (step.action !== 'create' && step.action !== 'update') continue;
    try {
      assertStaysInWorkTree(step.path, root);
    } catch (error) {
      throw failed(step.path, error, 0);
    }
  }
  let applied = 0;
  for (const step of steps) {
    try {
      switch (step.action) {
        case 'create':
          mkdirSync(dirname(step.path), { recursive: true });
          writeFileAtomic(step.path, step.after, root);
          if (step.mode !== undefined) chmodSync(step.path, step.mode);
          break;
        case 'update':
          writeFileAtomic(step.path, step.after, root);
          break;
        case 'delete':
          unlinkSync(step.path);
          pruneEmptyParents(step.path, root, keep);
          break;
        case 'move':
          renameSync(step.from, step.path);
          break;
        case 'unchanged':
          continue;
      }
      applied++;
    } catch (error) {
      throw failed(step.path, error, applied);
    }
  }
}
