import { everyIndex } from './index-file.js';
import { git } from './git.js';

/** A path's stage-0 entry in the index. */
export interface IndexEntry {
  mode: string;
  blob: string;
}

/** The path's entry in the index; 'unmerged' mid-conflict, undefined when the index has none. */
export async function indexEntry(root: string, env: NodeJS.ProcessEnv, file: string): Promise<IndexEntry | 'unmerged' | undefined> {
  const out = (await git(['ls-files', '-s', '--', file], { cwd: root, env })).stdout;
  if (out === '') return undefined;
  const m = /^(\d+) ([0-9a-f]+) 0\t/.exec(out);
  return m ? { mode: m[1]!, blob: m[2]! } : 'unmerged';
}

/**
 * Puts the path's entry back to `blob` (its mode `mode`, or the one it has now), or takes
 * it out of the index when `blob` is undefined, in every index this commit is made from.
 * The work tree is never touched.
 */
export async function restoreIndexEntry(root: string, env: NodeJS.ProcessEnv, file: string, blob: string | undefined, mode?: string): Promise<void> {
  if (blob === undefined) {
    await everyIndex(env, (e) => git(['update-index', '--force-remove', '--', file], { cwd: root, env: e }));
    return;
  }
  const now = mode === undefined ? await indexEntry(root, env, file) : undefined;
  const kept = mode ?? (typeof now === 'object' ? now.mode : '100644');
  await everyIndex(env, (e) => git(['update-index', '--add', '--cacheinfo', `${kept},${blob},${file}`], { cwd: root, env: e }));
}
