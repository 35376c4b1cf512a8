import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RepoInfo } from './repo.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const MANAGER_CONFIGS = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', '.pre-commit-config.yaml'];

/**
 * Whether git runs git-session's pre-commit hook in this clone: the hook git really
 * runs (core.hooksPath and worktrees respected) calls it, directly or through husky,
 * lefthook or pre-commit. A fresh clone has none until init (or the project's install
 * script) sets them up, and its commits then carry no trailers or journal entries.
 */
export function hooksInstalled(repo: RepoInfo): boolean {
  const hook = read(join(repo.hooksDir, 'pre-commit'));
  if (hook === '') return false;
  if (/git-session/.test(hook)) return true;
  // husky 9's hook is `. "$(dirname "$0")/h"`, which runs the person's script one folder
  // up (`.husky/pre-commit` for core.hooksPath=.husky/_); husky 4-8's names husky.sh.
  if (/husky|\/h"/.test(hook)) {
    return [join(dirname(repo.hooksDir), 'pre-commit'), join(repo.root, '.husky', 'pre-commit')].some((path) => /git-session/.test(read(path)));
  }
  if (/lefthook|pre-commit/.test(hook)) return MANAGER_CONFIGS.some((name) => /git-session/.test(read(join(repo.root, name))));
  return false;
}

/** What to run so that this clone gets the hooks. */
export function hooksFix(how: string): string {
  return `run \`${how} setup\` in this clone (the hooks are per clone; where the project installs them on npm install, run npm install)`;
}
