import type { JournalEntry } from '../journal/entry.js';
import type { JournalByCommit } from './types.js';

/** The journal entries a commit is shown with; undefined when it has none. */
export type JournalOf = (hash: string) => JournalEntry[] | undefined;

/**
 * The journal entries each commit is shown with. A commit's own diff adds its
 * entries, but two kinds of entry a diff adds belong to another commit. Both are left
 * by the repair of a revert of the last commit (a revert runs no pre-commit hook, so
 * the next commit's pre-commit puts back what the revert dropped):
 * - an entry put back: the same entry an older commit of the history added. It stays
 *   with that commit, shown once, not again under the commit that restored it;
 * - the revert's own entry: its id is the first 12 digits of the revert commit's id,
 *   and it is shown with that commit. A revert the merge driver journaled carries its
 *   entry itself, under an id made before the commit was: shown where it stands.
 *
 * `journal` lists commits newest first, as git walks them.
 */
export function journalOwners(journal: JournalByCommit): JournalOf {
  const owned = new Map<string, JournalEntry[]>();
  /** Revert entries carried by another commit, by the revert's 12-digit prefix. */
  const moved = new Map<string, JournalEntry[]>();
  const seen = new Set<string>();
  // Oldest first, so the first commit to add an entry is the one that keeps it.
  for (const [hash, entries] of [...journal].reverse()) {
    const own: JournalEntry[] = [];
    const reverts: JournalEntry[] = [];
    for (const entry of entries) {
      const identity = entry.id ?? JSON.stringify(entry);
      if (seen.has(identity)) continue;
      seen.add(identity);
      if (entry.reverts !== undefined && entry.id !== undefined && REVERT_PREFIX.test(entry.id) && !hash.startsWith(entry.id)) reverts.push(entry);
      else own.push(entry);
    }
    // A repair is made by the next commit's pre-commit, which writes that commit's own
    // entry too. A commit that added revert entries alone is the revert itself (the
    // merge driver wrote them, under ids no commit had yet): they stay with it.
    if (own.length === 0) own.push(...reverts);
    else for (const entry of reverts) moved.set(entry.id!, [...(moved.get(entry.id!) ?? []), entry]);
    if (own.length > 0) owned.set(hash, own);
  }
  if (moved.size === 0) return (hash) => owned.get(hash);
  return (hash) => {
    const revert = moved.get(hash.slice(0, 12));
    const own = owned.get(hash);
    return revert ? [...revert, ...(own ?? [])] : own;
  };
}

const REVERT_PREFIX = /^[0-9a-f]{12}$/;

/** The entries each of `commits` is shown with (see journalOwners), by commit. */
export function ownedJournal(journal: JournalByCommit, commits: readonly { hash: string }[]): JournalByCommit {
  const journalOf = journalOwners(journal);
  const owned = new Map<string, JournalEntry[]>();
  for (const { hash } of commits) {
    const entries = journalOf(hash);
    if (entries) owned.set(hash, entries);
  }
  return owned;
}
