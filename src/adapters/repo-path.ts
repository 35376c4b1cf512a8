import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { withinRoot } from '../core/pipeline/paths.js';

/**
 * `path` (absolute) as the file system names it, every link resolved. A path that
 * does not exist yet (a Write creating a file, or its folders) is its nearest existing
 * folder resolved, with the rest appended as given.
 */
export function realPath(path: string): string {
  const rest: string[] = [];
  for (let at = path; ; ) {
    try {
      return join(realpathSync.native(at), ...rest);
    } catch {
      const parent = dirname(at);
      if (parent === at) return path;
      rest.unshift(basename(at));
      at = parent;
    }
  }
}

/**
 * `given` (absolute, or relative to `base`) as a path from the work tree's `root` with
 * `/` separators; undefined for the root itself or a path outside it. Both sides are
 * compared with their links resolved, so a project opened through a link (or macOS's
 * /tmp, which is /private/tmp) names the same files as git does.
 */
export function repoPathOf(root: string, base: string, given: string): string | undefined {
  return withinRoot(realPath(resolve(root)), realPath(resolve(base, given)));
}
