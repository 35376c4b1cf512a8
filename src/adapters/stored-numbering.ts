import { readFileSync, realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { privateFilterRuns } from './clone-config.js';
import type { History } from './history.js';
import { normalisePath } from '../core/pipeline/paths.js';
import { cleanWith, plainPrivateRegions, plainRegionsOrFail } from '../core/session/private-regions.js';
import { storedLines, type StoredLines } from '../core/session/stored-lines.js';

/**
 * How git numbers the lines of `path` (relative to the current folder) when it is the
 * session file, holds private text, and git runs the private filter on it: git blame
 * and git diff then read it without the private bodies, as it is stored. Undefined
 * where git numbers the lines as the work tree has them, which is every other file.
 */
export async function storedNumbering(h: History, path: string): Promise<StoredLines | undefined> {
  let file: string;
  let text: string;
  try {
    const full = realpathSync(resolve(h.opts.cwd, path));
    file = relative(realpathSync(h.root), full).split(sep).join('/');
    if (file !== normalisePath(h.config.sessionFile)) return undefined;
    text = readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
  // The filter's own choice of reader (commands/filter.ts): lines when they decide it, else the parser.
  const plain = plainPrivateRegions(text);
  if (plain?.length === 0) return undefined;
  if (!(await privateFilterRuns(h.root, file, h.opts.env))) return undefined;
  const find = plain ? plainRegionsOrFail : (await import('../core/session/private-filter.js')).privateRegions;
  return storedLines(text, cleanWith(text, find).removed);
}
