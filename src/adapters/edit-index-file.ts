import { openHistory } from './history.js';
import type { RepoDirs } from './edit-state.js';
import { readSessionHistory } from './session-history.js';
import { CONFIG_FILE } from '../core/config.js';
import { buildEditIndex, type EditIndex } from '../core/history/edit-index.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';

/** The index as kept on disk, with the budget the settings give. */
export interface StoredIndex extends EditIndex {
  budget: number;
}

/**
 * Reads the whole history of `head` and builds the index (the slow path: once per new
 * HEAD). `check` is called between units of work and throws to stop the build.
 */
export async function buildStoredIndex(dirs: RepoDirs, head: string, stamp: string, env: NodeJS.ProcessEnv, check?: () => void): Promise<StoredIndex> {
  const h = await openHistory(dirs.root, env);
  const record = await readSessionHistory(h, { revArgs: [head], check });
  const sessionFile = normalisePath(h.config.sessionFile);
  const isJournal = journalMatcher(h.config.journal.path);
  const ignore = (p: string) => p === sessionFile || p === CONFIG_FILE || isJournal(p);
  const oldestFirst = [...record.commits].reverse().map((c) => ({ hash: c.record.hash, short: c.record.short, files: c.files }));
  return { ...buildEditIndex(head, stamp, record.items, oldestFirst, ignore), budget: h.config.assistant.editBudget };
}
