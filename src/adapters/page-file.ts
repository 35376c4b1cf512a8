import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';
import { writeFileAtomic } from './fs.js';

/**
 * Writes a generated page to `path` (absolute), creating its folder: a CI job points
 * `--out` at an artifacts folder that may not exist yet. The file is replaced whole.
 */
export function writePage(path: string, html: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'EEXIST' || code === 'ENOTDIR' ? 'its folder cannot be made: a file is in the way' : `its folder could not be created (${code ?? String(error)})`;
    throw new GitSessionError(ExitCode.WriteFailed, `${problem}.`, {
      file: path,
      fix: 'Pass --out a path in a folder you can write to.',
      cause: error,
    });
  }
  writeFileAtomic(path, html);
}
