import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, GitSessionError } from '../errors.js';

let cached: string | undefined;

/** The package's `templates/` folder, found from this module whether it runs from src/, dist/ or dist/chunks/. */
export function templatesDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'SESSION.md'))) return (cached = candidate);
    dir = dirname(dir);
  }
  throw new GitSessionError(ExitCode.Internal, 'the templates folder is missing from the installed package.', {
    file: join(dirname(fileURLToPath(import.meta.url)), 'templates'),
    fix: 'Reinstall git-session (npm install --save-dev git-session).',
  });
}

/** Reads one template file, e.g. `readTemplate('SESSION.md')`. */
export function readTemplate(name: string): string {
  const path = join(templatesDir(), name);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GitSessionError(ExitCode.Internal, `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: path,
      fix: 'The installed package is incomplete: reinstall git-session (npm install --save-dev git-session).',
      cause: error,
    });
  }
}
