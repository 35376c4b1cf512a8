import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../core/config.js';
import { findRepoDirs, type RepoDirs } from './repo-layout.js';

/**
 * The work tree around `cwd` when it opted in to git-session (`git session init`
 * wrote `.gitsession` at its root); undefined otherwise, or outside a repository.
 * Found with a few file reads and no git process, as the edit-time hook asks it before
 * every file an assistant reads.
 */
export function optedInRepo(cwd: string): RepoDirs | undefined {
  const dirs = findRepoDirs(cwd);
  if (!dirs) return undefined;
  try {
    // A file, as the git hooks' `[ -f .gitsession ]` asks.
    return statSync(join(dirs.root, CONFIG_FILE)).isFile() ? dirs : undefined;
  } catch {
    return undefined;
  }
}
