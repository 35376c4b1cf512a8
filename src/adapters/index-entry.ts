import { laterIndex } from './index-file.js';
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

/** What the index `git commit <paths>` installs after the commit holds for the path: absent for any other commit. */
export type LaterEntry = { entry: IndexEntry | 'unmerged' | undefined };

/** The path's entry in the index `git commit <paths>` installs afterwards (see laterIndex), read before the hook changes it. */
export async function laterIndexEntry(root: string, env: NodeJS.ProcessEnv, file: string): Promise<LaterEntry | undefined> {
  const later = laterIndex(env);
  return later ? { entry: await indexEntry(root, later, file) } : undefined;
}

/**
 * Puts the path's entry back to `blob` (its mode `mode`, or the one it has now), or takes
 * it out of the index when `blob` is undefined, in the index this commit is made from;
 * and for `git commit <paths>`, what the index git installs afterwards held (`later`,
 * the person's own staged version) back there. The work tree is never touched.
 */
export async function restoreIndexEntry(root: string, env: NodeJS.ProcessEnv, file: string, blob: string | undefined, mode?: string, later?: LaterEntry): Promise<void> {
  await putEntry(root, env, file, blob, mode);
  const laterEnv = laterIndex(env);
  if (laterEnv && later && later.entry !== 'unmerged') await putEntry(root, laterEnv, file, later.entry?.blob, later.entry?.mode);
}

async function putEntry(root: string, env: NodeJS.ProcessEnv, file: string, blob: string | undefined, mode?: string): Promise<void> {
  if (blob === undefined) {
    await git(['update-index', '--force-remove', '--', file], { cwd: root, env });
    return;
  }
  const now = mode === undefined ? await indexEntry(root, env, file) : undefined;
  const kept = mode ?? (typeof now === 'object' ? now.mode : '100644');
  await git(['update-index', '--add', '--cacheinfo', `${kept},${blob},${file}`], { cwd: root, env });
}
