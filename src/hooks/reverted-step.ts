import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommitSetting } from '../adapters/commit-facts.js';
import { assertStaysInWorkTree, writeFileAtomic } from '../adapters/fs.js';
import { revertedJournals } from '../adapters/reverted-journals.js';
import { restoreReverted } from '../core/merge/reverted.js';

/** What putting back the reverted entries wrote. */
export interface RestoredEntries {
  /** The journal files written, relative to the work tree: this commit stages them. */
  paths: string[];
  /** Entries a replaced span of staged entries must not take with it (see RestoredJournal.kept). */
  kept: Set<string>;
}

/**
 * When HEAD is a revert: the journal entries the reverts at HEAD dropped go back into
 * the work tree's journal files, each revert with its own entry, before this commit's
 * entry is written. A revert of the last commit changes the journal on one side only,
 * so git merges it without the merge driver, and git revert runs no pre-commit: this
 * commit is the first point where a hook can write into the journal and stage it.
 */
export async function restoreRevertedEntries(s: CommitSetting): Promise<RestoredEntries> {
  const reverts = await revertedJournals(s.root, s.env, s.isJournal);
  const current = new Map<string, string>();
  for (const path of new Set(reverts.flatMap((r) => r.files.map((f) => f.path)))) {
    try {
      current.set(path, readFileSync(join(s.root, path), 'utf8'));
    } catch {
      // Absent: the revert deleted it, and it comes back if entries were dropped from it.
    }
  }
  const restored = restoreReverted(reverts, current, s.state.branch);
  for (const [path, text] of restored.files) {
    const full = join(s.root, path);
    assertStaysInWorkTree(full, s.root);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, text, s.root);
  }
  return { paths: [...restored.files.keys()], kept: restored.kept };
}
