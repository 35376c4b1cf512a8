import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  throw new Error('git-session: the templates folder is missing from the installed package; reinstall git-session.');
}

/** Reads one template file, e.g. `readTemplate('SESSION.md')`. */
export function readTemplate(name: string): string {
  return readFileSync(join(templatesDir(), name), 'utf8');
}
