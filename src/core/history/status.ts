/**
 * Which recorded decisions and dead ends are still in force. The committed tree is
 * the source of truth and the trailers are its index: a commit recorded what it added
 * to the session file's Decisions and Dead Ends sections, plus whatever its own
 * trailers name (the same item found both ways counts once). An item stops being
 * active when the commit that added it is reverted, when a newer decision supersedes
 * it, or when it is removed from the session file while the session goes on; the
 * removals of a commit that closes the session leave it active in history. A revert
 * puts what the reverted commit retired back in force, credited to the commits that
 * first recorded it; an item recorded again after it was retired is a new instance,
 * and the first keeps what became of it.
 *
 * Where a shallow clone's history is cut off, git diffs the commit against nothing, so
 * it seems to add every item of the file. It is credited only with what it certainly
 * recorded: what its trailers name, and what a revert of it removes from the file.
 */
import { splitReason } from '../trailers/reason.js';

export type ItemKind = 'decision' | 'deadEnd';
export type ItemStatus = 'active' | 'reverted' | 'superseded' | 'withdrawn';

/** A decision or dead end as read from a session file or a trailer. */
export interface SessionItem {
  kind: ItemKind;
  text: string;
  reason: string | null;
}

/** What one commit did to the record, as the readers gather it. */
export interface SessionCommit {
  hash: string;
  short: string;
  /** Items its tree diff added to the session file (public text only). */
  added: readonly SessionItem[];
  /** Items its tree diff removed from the session file. */
  removed: readonly SessionItem[];
  /** Raw trailer values of its own message. */
  trailers: { decisions: readonly string[]; deadEnds: readonly string[] };
  /** The full id named by `This reverts commit <id>.`, if any. */
  reverts: string | null;
  /** Whether the commit closes the session (`git session new`). */
  closes: boolean;
  /** Whether a shallow clone's history is cut off here: `added` is then the whole file, not what it added. */
  cutOff: boolean;
  /**
   * A merge: `added` is what its result has that no parent had, `removed` what some
   * parent had and its result lacks. Of those, it retires only what is still in force:
   * a removal one side made (a withdrawal, a close) is that side's commit's.
   */
  merge?: boolean;
}

/** One item with the commit that recorded it and what became of it. */
export interface TrackedItem extends SessionItem {
  /** The commit that added it. */
  commit: string;
  short: string;
  status: ItemStatus;
  /** The commit that reverted, superseded or withdrew it; null while active. */
  changedBy: string | null;
  changedByShort: string | null;
  /** The commit that closed its session, when that one removed it from the file. */
  closedBy: string | null;
  /** The revert (of a revert) that last put it back in force, when one did: the commit blame then names for its lines. */
  restoredBy?: string;
}

const SUPERSEDES = /\s*\(supersedes:\s*(.+?)\s*\)\s*$/i;

/** The identity of an item's `what`: whitespace collapsed, case folded, a `(supersedes: …)` marker left out. */
export function itemKey(kind: ItemKind, text: string): string {
  return `${kind}\u0000${text.replace(SUPERSEDES, '').replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

/** The old `what` a decision's `(supersedes: <old>)` names, or null. */
export function supersededText(text: string): string | null {
  const m = SUPERSEDES.exec(text);
  return m ? m[1]! : null;
}

/**
 * What a commit added, tree first (it has the reason as written), then trailers only it
 * carries; each with its identity, and whether its tree diff added it. Of what a cut-off commit seems to add, only what its
 * trailers name or `undone` (what a revert of it removes) holds.
 */
function addedWithKeys(commit: SessionCommit, undone: ReadonlySet<string> | undefined): [SessionItem, string, boolean][] {
  const out: [SessionItem, string, boolean][] = [];
  const seen = new Set<string>();
  const push = (item: SessionItem, inTree = true) => {
    if (item.text.trim() === '') return;
    const key = itemKey(item.kind, item.text);
    if (seen.has(key)) return;
    seen.add(key);
    out.push([item, key, inTree]);
  };
  if (commit.cutOff) {
    const named = new Set([
      ...commit.trailers.decisions.map((v) => itemKey('decision', splitReason(v).text)),
      ...commit.trailers.deadEnds.map((v) => itemKey('deadEnd', splitReason(v).text)),
    ]);
    for (const item of commit.added) {
      const key = itemKey(item.kind, item.text);
      if (named.has(key) || undone?.has(key)) push(item);
    }
  } else {
    for (const item of commit.added) push(item);
  }
  for (const value of commit.trailers.decisions) push({ kind: 'decision', ...splitReason(value) }, false);
  for (const value of commit.trailers.deadEnds) push({ kind: 'deadEnd', ...splitReason(value) }, false);
  return out;
}

/**
 * For each cut-off commit that is reverted, the identities of the items its reverts
 * remove from the file: those it really added. Undefined in a full clone.
 */
function undoneAtCutOffs(commits: readonly SessionCommit[]): Map<string, Set<string>> | undefined {
  const cut = new Set(commits.filter((c) => c.cutOff).map((c) => c.hash));
  if (cut.size === 0) return undefined;
  const undone = new Map<string, Set<string>>();
  for (const c of commits) {
    if (c.reverts === null || !cut.has(c.reverts)) continue;
    const keys = undone.get(c.reverts) ?? new Set<string>();
    for (const item of c.removed) keys.add(itemKey(item.kind, item.text));
    undone.set(c.reverts, keys);
  }
  return undone;
}

/**
 * Every item the commits recorded, with its status. `oldestFirst` must list parents
 * before children (git log --topo-order --reverse). Returns the items oldest first.
 * Runs once over the whole history of a long repository (tens of thousands of
 * commits): each identity is computed once, and commits that change nothing are skipped.
 */
export function deriveStatus(oldestFirst: readonly SessionCommit[]): TrackedItem[] {
  const all: TrackedItem[] = [];
  const dropped = new Set<TrackedItem>();
  // The items each commit added that still stand for themselves, with their identities.
  const byCommit = new Map<string, Map<TrackedItem, string>>();
  // The newest active instance of each item, by identity, and the newest of any status.
  const live = new Map<string, TrackedItem>();
  const latest = new Map<string, TrackedItem>();
  // The instances the session file's diff added, rather than a trailer alone.
  const inFile = new Set<TrackedItem>();
  // The items each commit retired, and those each revert put back in force: what a
  // revert of that commit undoes in turn.
  const retiredBy = new Map<string, [TrackedItem, string][]>();
  const restoredBy = new Map<string, [TrackedItem, string][]>();
  // The items each closing commit took out with its session: a revert of it brings them back as they were.
  const closedByCommit = new Map<string, [TrackedItem, string][]>();
  const retire = (item: TrackedItem, key: string, status: ItemStatus, by: SessionCommit) => {
    item.status = status;
    item.changedBy = by.hash;
    item.changedByShort = by.short;
    if (live.get(key) === item) live.delete(key);
    const list = retiredBy.get(by.hash);
    if (list) list.push([item, key]);
    else retiredBy.set(by.hash, [[item, key]]);
  };
  const undone = undoneAtCutOffs(oldestFirst);
  for (const commit of oldestFirst) {
    const added = addedWithKeys(commit, undone?.get(commit.hash));
    if (commit.reverts === null && added.length === 0 && commit.removed.length === 0) continue;
    const explained = new Set<string>();
    // Items this revert puts back in force as the commits that first recorded them: its own
    // tree diff, which adds them again, records nothing new.
    const restored = new Set<string>();
    if (commit.reverts) {
      for (const [item, key] of [...(byCommit.get(commit.reverts) ?? []), ...(restoredBy.get(commit.reverts) ?? [])]) {
        explained.add(key);
        if (item.status === 'active') retire(item, key, 'reverted', commit);
      }
      const back: [TrackedItem, string][] = [];
      for (const [item, key] of retiredBy.get(commit.reverts) ?? []) {
        // Retired again since, or recorded anew by a later commit: that one stands.
        if (item.changedBy !== commit.reverts || latest.get(key) !== item || live.has(key)) continue;
        item.status = 'active';
        item.changedBy = null;
        item.changedByShort = null;
        item.restoredBy = commit.hash;
        live.set(key, item);
        restored.add(key);
        back.push([item, key]);
      }
      if (back.length > 0) restoredBy.set(commit.hash, back);
      // A revert of a closing commit (`new` undone) puts its items back in the file: they
      // never left force, and stay the items of the commits that recorded them.
      for (const [item, key] of closedByCommit.get(commit.reverts) ?? []) {
        if (item.closedBy !== commit.reverts || live.get(key) !== item) continue;
        item.closedBy = null;
        restored.add(key);
      }
    }
    const mine = new Map<TrackedItem, string>();
    for (const [item, key, inTree] of added) {
      if (restored.has(key)) continue;
      // A trailer naming an item the session file holds in force, which the commit's tree
      // diff did not add, mentions it: the commit that recorded it keeps it. One recorded
      // by trailer alone, or closed with its session, is recorded again.
      // A commit mending a conflict committed with markers is woven one for every item.
      const standing = live.get(key);
      if (!inTree && standing && inFile.has(standing) && standing.closedBy === null) continue;
      // The revert of a commit that removed an item puts it back: a new instance, active
      // again. Written out, not spread: V8 builds a spread of a varying shape slowly,
      // and a long history makes tens of thousands of these.
      const tracked: TrackedItem = {
        kind: item.kind,
        text: item.text,
        reason: item.reason,
        commit: commit.hash,
        short: commit.short,
        status: 'active',
        changedBy: null,
        changedByShort: null,
        closedBy: null,
      };
      const old = item.kind === 'decision' ? supersededText(item.text) : null;
      if (old !== null) {
        const oldKey = itemKey('decision', old);
        const replaced = live.get(oldKey);
        if (replaced) retire(replaced, oldKey, 'superseded', commit);
        explained.add(oldKey);
      }
      const previous = latest.get(key);
      // Found again while in force (a cherry-pick, the same decision on two merged branches):
      // the newest instance stands for it. One that was retired keeps its own story.
      if (previous?.status === 'active') {
        // Dropped from `all` at the end: a removal from an array here made long histories quadratic.
        dropped.add(previous);
        byCommit.get(previous.commit)?.delete(previous);
      }
      live.set(key, tracked);
      latest.set(key, tracked);
      if (inTree) inFile.add(tracked);
      mine.set(tracked, key);
      all.push(tracked);
    }
    if (mine.size > 0) byCommit.set(commit.hash, mine);
    for (const item of commit.removed) {
      const key = itemKey(item.kind, item.text);
      if (explained.has(key) || latest.get(key)?.commit === commit.hash) continue;
      const tracked = live.get(key);
      if (!tracked) continue;
      // A close one side made leaves its items in force as history: the merge bringing it in withdraws nothing.
      if (commit.merge && tracked.closedBy !== null) continue;
      if (commit.closes) {
        tracked.closedBy = commit.hash;
        const list = closedByCommit.get(commit.hash);
        if (list) list.push([tracked, key]);
        else closedByCommit.set(commit.hash, [[tracked, key]]);
      }
      // What a revert takes out is undone by it, though another commit recorded it: the
      // revert of a merge removes what the merged branch's commits recorded.
      else retire(tracked, key, commit.reverts ? 'reverted' : 'withdrawn', commit);
    }
  }
  return dropped.size === 0 ? all : all.filter((item) => !dropped.has(item));
}

/**
 * The items recorded outside a set of commits that one of them took out of force (a
 * revert, a withdrawal, a supersede): what a range retires of the work before it.
 */
export function retiredWithin(items: readonly TrackedItem[], commits: ReadonlySet<string>): TrackedItem[] {
  return items.filter((i) => i.changedBy !== null && commits.has(i.changedBy) && !commits.has(i.commit));
}
