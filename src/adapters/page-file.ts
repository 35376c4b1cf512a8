import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';
import { danglingLinkError, isFolder, writeFileAtomic } from './fs.js';

/**
 * Writes a generated page to `path` (absolute), creating its folder: a CI job points
 * `--out` at an artifacts folder that may not exist yet. The file is replaced whole.
 */
export function writePage(path: string, html: string): void {
  try {
    makeFolders(dirname(path));
  } catch (error) {
    if (error instanceof GitSessionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const folder = (error as NodeJS.ErrnoException).path;
    const problem =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'its folder cannot be made: a file is in the way'
        : code === 'ENOENT' && folder !== undefined
          ? `its folder ${folder} could not be created: ${dirname(folder)} takes no new folders (ENOENT)`
          : `its folder ${folder ?? dirname(path)} could not be created (${code ?? String(error)})`;
    throw new GitSessionError(ExitCode.WriteFailed, `${problem}.`, {
      file: path,
      fix: 'Pass --out a path in a folder you can write to.',
      cause: error,
    });
  }
  try {
    writeFileAtomic(path, html);
  } catch (error) {
    // A folder that is there but takes no new file (as under /proc) is not a missing one.
    const cause = error instanceof GitSessionError ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
    if (cause?.code !== 'ENOENT' || !isFolder(dirname(path))) throw error;
    throw new GitSessionError(ExitCode.WriteFailed, `could not be written: ${dirname(path)} takes no new files (ENOENT).`, {
      file: path,
      fix: 'Pass --out a path in a folder you can write to.',
      cause,
    });
  }
}


/**
 * Makes `dir` and the folders above it that are missing, one at a time from the
 * nearest one there. Node's recursive mkdir retries a folder whose mkdir says ENOENT
 * with its parent there, as under /proc, and never returns: here each mkdir is tried
 * once and its error is the answer.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    let folder: boolean;
    try {
      folder = statSync(d).isDirectory();
    } catch (error) {
      // A link to nothing is no missing folder: a mkdir there says EEXIST, its parent is not to blame.
      const dangling = danglingLinkError(d, d, 'Create the folder it points to, or pass --out a path in a folder you can write to.');
      if (dangling) throw dangling;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw error;
      missing.unshift(d);
      continue;
    }
    if (!folder) throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR', path: d });
    break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      // Made by another process meanwhile: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw error;
    }
  }
}
