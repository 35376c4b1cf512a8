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
  const { owned, moved } = ownership(journal);
  if (moved.size === 0) return (hash) => owned.get(hash);
  return (hash) => {
    const revert = moved.get(hash.slice(0, 12));
    const own = owned.get(hash);
    return revert ? [...revert, ...(own ?? [])] : own;
  };
}

/** The entries each commit owns, and the revert entries another commit carries by the revert's 12-digit prefix. */
function ownership(journal: JournalByCommit): { owned: Map<string, JournalEntry[]>; moved: Map<string, JournalEntry[]> } {
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
  return { owned, moved };
}

/**
 * Where journalOwners shows a commit with other entries than its own diff added: the
 * few commits that differ, and the revert entries that move. Small enough to keep
 * beside HEAD, so a reader of a few commits (`why`) reads their own diffs and this,
 * not the whole history's journal.
 */
export interface JournalMoves {
  /** Commits shown with other entries than their diff added (maybe none), by full id. */
  instead: [string, JournalEntry[]][];
  /** Revert entries another commit carries, by the revert commit's 12-digit prefix. */
  reverts: [string, JournalEntry[]][];
}

export function journalMoves(journal: JournalByCommit): JournalMoves {
  const { owned, moved } = ownership(journal);
  const identity = (e: JournalEntry) => e.id ?? JSON.stringify(e);
  const instead: [string, JournalEntry[]][] = [];
  for (const [hash, entries] of journal) {
    const own = owned.get(hash) ?? [];
    if (own.length !== entries.length || own.some((e, i) => identity(e) !== identity(entries[i]!))) instead.push([hash, own]);
  }
  return { instead, reverts: [...moved] };
}

/** The entries each of `commits` is shown with, from the entries their own diffs added (`own`) and the moves of the whole history. */
export function movedJournal(moves: JournalMoves, own: JournalByCommit, commits: readonly { hash: string }[]): JournalByCommit {
  const instead = new Map(moves.instead);
  const reverts = new Map(moves.reverts);
  const shown = new Map<string, JournalEntry[]>();
  for (const { hash } of commits) {
    const entries = [...(reverts.get(hash.slice(0, 12)) ?? []), ...((instead.has(hash) ? instead.get(hash) : own.get(hash)) ?? [])];
    if (entries.length > 0) shown.set(hash, entries);
  }
  return shown;
}

const REVERT_PREFIX = /^[0-9a-f]{12}$/;

/** The entries each of `commits` is shown with (see journalOwners), by commit; those in `cut` (a shallow clone's boundary) keep their own (see ownAtCutOff). */
export function ownedJournal(journal: JournalByCommit, commits: readonly { hash: string; date?: string }[], cut: ReadonlySet<string> = new Set()): JournalByCommit {
  const journalOf = journalOwners(journal);
  const owned = new Map<string, JournalEntry[]>();
  for (const commit of commits) {
    const entries = journalOf(commit.hash);
    if (entries) owned.set(commit.hash, cut.has(commit.hash) && commit.date !== undefined ? ownAtCutOff({ date: commit.date }, entries) : entries);
  }
  return owned;
}

/**
 * The entries a commit where a shallow clone's history stops is shown with. git diffs
 * that commit against nothing, so its patch seems to add every older entry of the
 * journal too. The commit hook dates an entry with its commit's author date, to the
 * minute and in the author's zone: the entries with that date are its own.
 */
export function ownAtCutOff(commit: { date: string }, entries: readonly JournalEntry[]): JournalEntry[] {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(commit.date);
  if (!m) return [];
  const time = `${m[1]} ${m[2]} ${m[3] === 'Z' ? '+00:00' : m[3]}`;
  return entries.filter((e) => e.time === time);
}
