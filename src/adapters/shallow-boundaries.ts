import { readFileSync } from 'node:fs';

/**
 * The commits where a shallow clone's history was cut off (empty in a full clone):
 * git shows them as if they had no parents, so they seem to have written lines and
 * recorded items that are in fact older. `file` is git's path for the list (`--git-path shallow`).
 */
export function shallowBoundaries(file: string): Set<string> {
  try {
    return new Set(readFileSync(file, 'utf8').split('\n').filter((l) => l !== ''));
  } catch {
    return new Set();
  }
}
