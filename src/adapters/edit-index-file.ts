import { openHistory } from './history.js';
import type { RepoDirs } from './repo-layout.js';
import { editHistoryAt } from './edit-history.js';
import { sessionItemsOf } from './session-history.js';
import { git } from './git.js';
import { takenOut } from './taken-out.js';
import { CONFIG_FILE } from '../core/config.js';
import { editIndexOf, type EditIndex } from '../core/history/edit-index.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';

/** The index as kept on disk, with the budget the settings give. */
export interface StoredIndex extends EditIndex {
  budget: number;
  /** The session file, from the repository root, as the settings named it. */
  sessionFile?: string;
  /** When the build read the work tree's session file (ms), and what it had taken out then (see taken-out.ts). */
  builtAt?: number;
  takenOut?: string[];
}

/**
 * Reads the history of `head` (the commits since the last build, where HEAD moved on
 * in a line: see editHistoryAt) and builds the index (once per new HEAD). `check` is
 * called between units of work and throws to stop the build.
 */
export async function buildStoredIndex(dirs: RepoDirs, head: string, stamp: string, env: NodeJS.ProcessEnv, check?: () => void): Promise<StoredIndex> {
  const h = await openHistory(dirs.root, env);
  const sessionFile = normalisePath(h.config.sessionFile);
  const isJournal = journalMatcher(h.config.journal.path);
  const ignore = (p: string) => p === sessionFile || p === CONFIG_FILE || isJournal(p);
  const { items, recorders } = await editHistoryAt(h, dirs, head, stamp, ignore, check);
  // HEAD's session file as the readers read a version: what the work tree takes out of it is told apart at each call.
  const atHead = await git(['cat-file', 'blob', `${head}:${sessionFile}`], { cwd: dirs.root, env, allowFailure: true });
  const inFile = atHead.code === 0 ? ((await sessionItemsOf(atHead.stdout, h.config.sessionFile)) ?? []) : [];
  const index: StoredIndex = { ...editIndexOf(head, stamp, items, recorders, inFile), sessionFile, budget: h.config.assistant.editBudget };
  // Read now, so that a hook finds it here while the file stays as it is.
  const builtAt = Date.now();
  return { ...index, builtAt, takenOut: [...(await takenOut(dirs, index))] };
}
