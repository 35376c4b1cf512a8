import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoDirs } from './edit-state.js';
import type { StoredIndex } from './edit-index-file.js';
import { sessionItemsOf } from './session-history.js';
import { takenOutSinceHead } from '../core/history/edit-index.js';

/**
 * The items of the index that the work tree's session file has taken out since HEAD
 * (superseded or withdrawn, not committed yet): no longer in force, so not told. One
 * read of the file, and the parser only for a file lines cannot decide.
 */
export async function takenOut(dirs: RepoDirs, index: StoredIndex): Promise<Set<string>> {
  if (!index.inFile?.length || !index.sessionFile) return new Set();
  let text: string;
  try {
    text = readFileSync(join(dirs.root, index.sessionFile), 'utf8');
  } catch {
    // Deleted from the work tree: what HEAD's held is taken out with it.
    return new Set(index.inFile);
  }
  const now = await sessionItemsOf(text, index.sessionFile);
  // Mid-conflict, the file says nothing either way: HEAD's record stands.
  return now ? takenOutSinceHead(index, now) : new Set();
}
