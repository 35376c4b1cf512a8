import { openHistory } from './history.js';
import type { RepoDirs } from './edit-state.js';
import { readSessionHistory, sessionItemsOf } from './session-history.js';
import { git } from './git.js';
import { takenOut } from './taken-out.js';
import { shallowBoundaries } from './shallow-boundaries.js';
import { CONFIG_FILE } from '../core/config.js';
import { buildEditIndex, type EditIndex } from '../core/history/edit-index.js';
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
 * Reads the whole history of `head` and builds the index (the slow path: once per new
 * HEAD). `check` is called between units of work and throws to stop the build.
 */
export async function buildStoredIndex(dirs: RepoDirs, head: string, stamp: string, env: NodeJS.ProcessEnv, check?: () => void): Promise<StoredIndex> {
  const h = await openHistory(dirs.root, env);
  const record = await readSessionHistory(h, { revArgs: [head], check });
  const sessionFile = normalisePath(h.config.sessionFile);
  const isJournal = journalMatcher(h.config.journal.path);
  const ignore = (p: string) => p === sessionFile || p === CONFIG_FILE || isJournal(p);
  // Where a shallow clone's history is cut off, git diffs the commit against nothing: it
  // seems to touch every file. The record credits it only with what it certainly
  // recorded (see deriveStatus), which stays in force but is tied to no file, as no one
  // can tell which it was about.
  const cut = shallowBoundaries(h.shallowFile);
  const oldestFirst = [...record.commits].reverse().map((c) => ({ hash: c.record.hash, short: c.record.short, files: cut.has(c.record.hash) ? [] : c.files }));
  // HEAD's session file as the readers read a version: what the work tree takes out of it is told apart at each call.
  const atHead = await git(['cat-file', 'blob', `${head}:${sessionFile}`], { cwd: dirs.root, env, allowFailure: true });
  const inFile = atHead.code === 0 ? ((await sessionItemsOf(atHead.stdout, h.config.sessionFile)) ?? []) : [];
  const index: StoredIndex = { ...buildEditIndex(head, stamp, record.items, oldestFirst, ignore, inFile), sessionFile, budget: h.config.assistant.editBudget };
  // Read now, so that a hook finds it here while the file stays as it is.
  const builtAt = Date.now();
  return { ...index, builtAt, takenOut: [...(await takenOut(dirs, index))] };
}
