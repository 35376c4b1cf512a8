/**
 * What the edit-time hook knows about every file, computed once per HEAD: the
 * decisions and dead ends still in force, and for each file (followed across
 * renames) the commits that recorded some of them. Looking a file up is then a
 * read of one small JSON file, with no git and no markdown parser.
 */
import type { TouchedBy } from './paths.js';
import { addRecorders, noRecorders, type Recorders } from './recorders.js';
import { shownPath } from '../text/shown-path.js';
import { itemKey, type SessionItem, type TrackedItem } from './status.js';
import { readsAsClose } from './close.js';


/** A commit that recorded items still in force. */
export interface IndexedCommit {
  hash: string;
  short: string;
  /** How many files it touched: a commit that touched fewer is closer to each of them. */
  width: number;
}

/** An item still in force; `c` indexes `commits`. */
export interface IndexedItem {
  kind: 'decision' | 'deadEnd';
  text: string;
  reason: string | null;
  c: number;
}

export interface EditIndex {
  /** The HEAD commit, and the build and settings it was computed with. */
  head: string;
  stamp: string;
  /** Oldest first: a higher index is newer. */
  commits: IndexedCommit[];
  items: IndexedItem[];
  /** Each path (as at HEAD, from the repository root) with the indexes of the commits above that touched it. */
  files: Record<string, number[]>;
  /**
   * The identities (itemKey) of the items above that HEAD's session file holds: one the
   * work tree's file no longer has was superseded or withdrawn since, not committed yet.
   */
  inFile?: string[];
}

/**
 * Builds the index from the items of a history and its commits' files, both oldest
 * first. `ignore` leaves out the tool's own files.
 */
export function buildEditIndex(
  head: string,
  stamp: string,
  items: readonly TrackedItem[],
  oldestFirst: readonly (TouchedBy & { short: string })[],
  ignore: (path: string) => boolean,
  inHeadFile: readonly SessionItem[] = [],
): EditIndex {
  const recorded = new Set(items.map((i) => i.commit));
  return editIndexOf(head, stamp, items, addRecorders(noRecorders(), oldestFirst, ignore, recorded), inHeadFile);
}

/** The index from the items of a history and what its commits recorded where (see addRecorders). */
export function editIndexOf(head: string, stamp: string, items: readonly TrackedItem[], recorders: Recorders, inHeadFile: readonly SessionItem[] = []): EditIndex {
  const active = items.filter((i) => i.status === 'active');
  const activeKeys = new Set(active.map((i) => itemKey(i.kind, i.text)));
  const recording = new Set(active.map((i) => i.commit));
  const commits: IndexedCommit[] = [];
  const at = new Map<string, number>();
  for (const [hash, short, width] of recorders.commits) {
    if (!recording.has(hash)) continue;
    at.set(hash, commits.length);
    commits.push({ hash, short, width });
  }
  const files: Record<string, number[]> = {};
  for (const [path, hashes] of recorders.paths) {
    const hits = hashes.filter((h) => at.has(h)).map((h) => at.get(h)!);
    if (hits.length > 0) files[path] = [...new Set(hits)].sort((a, b) => b - a);
  }
  return {
    head,
    stamp,
    commits,
    items: active.map((i) => ({ kind: i.kind, text: i.text, reason: i.reason, c: at.get(i.commit)! })),
    files,
    inFile: [...new Set(inHeadFile.map((i) => itemKey(i.kind, i.text)))].filter((k) => activeKeys.has(k)),
  };
}

/**
 * The items of the index that HEAD's session file holds and `now` (the work tree's)
 * no longer does: superseded or withdrawn, not committed yet, so no longer in force.
 */
export function takenOutSinceHead(index: EditIndex, now: readonly SessionItem[]): Set<string> {
  if (readsAsClose(now.length)) return new Set();
  const kept = new Set(now.map((i) => itemKey(i.kind, i.text)));
  return new Set((index.inFile ?? []).filter((k) => !kept.has(k)));
}

/**
 * A served item's part of a fingerprint: its kind, text and commit. Sorted and joined by
 * line breaks, they name what a session was told about a file.
 */
function servedKey(item: { kind: string; text: string }, short: string): string {
  return `${item.kind}:${item.text}:${short}`;
}

/**
 * What a session was told about a file (`told`, a fingerprint) that is no longer in
 * force: reverted, superseded or withdrawn since (`takenOut`, the work tree's doing,
 * included). An item told under another commit id (a rebase) and still in force
 * is not among them. Each as the line it was told as, with its commit, without reason.
 */
export function noLongerInForce(index: EditIndex, told: string, takenOut: ReadonlySet<string> = new Set()): string[] {
  // In force anywhere: the same item recorded again for another file (two branches
  // merged, the newest instance standing for it) is still in force for this one.
  const now = new Set(index.items.map((i) => itemKey(i.kind, i.text)).filter((k) => !takenOut.has(k)));
  const out: string[] = [];
  for (const key of told.split('\n')) {
    const kindEnd = key.indexOf(':');
    const shortStart = key.lastIndexOf(':');
    if (kindEnd < 0 || shortStart <= kindEnd) continue;
    const kind = key.slice(0, kindEnd) === 'deadEnd' ? 'deadEnd' : 'decision';
    const text = key.slice(kindEnd + 1, shortStart);
    if (now.has(itemKey(kind, text))) continue;
    out.push(line({ kind, text, reason: null, c: 0 }, key.slice(shortStart + 1), false));
  }
  return out;
}

/** The note that tells a session what it was told about `label` and is no longer in force. */
export function retiredNote(label: string, lines: readonly string[]): string {
  return [`git-session: no longer in force for ${label} (reverted, superseded or withdrawn since you were told; do not follow them):`, ...lines].join('\n');
}

/** What the hook serves for one file. */
export interface PathDecisions {
  text: string;
  /** Identity of what was served: the same file told twice in one session is told once. */
  fingerprint: string;
  served: number;
  total: number;
}

function line(item: IndexedItem, short: string, withReason: boolean): string {
  const label = item.kind === 'decision' ? 'Decision' : 'Dead end';
  const what = item.text.replace(/\s+/g, ' ').trim();
  const why = withReason && item.reason ? ` — ${item.reason.replace(/\s+/g, ' ').trim()}` : '';
  return `- ${label}: ${what}${why} (${short})`;
}

/**
 * The active decisions and dead ends of `path` within `budgetTokens` (characters / 4):
 * those of the commits that last changed the touched lines first (`blamed`, full
 * ids), then newest first, a narrower commit before a wider one. An item that does
 * not fit with its reason is given without it. Undefined when there is nothing.
 */
export function decisionsForPath(
  index: EditIndex,
  path: string,
  budgetTokens: number,
  blamed: ReadonlySet<string> = new Set(),
  label: string = shownPath(path),
  takenOut: ReadonlySet<string> = new Set(),
): PathDecisions | undefined {
  const touched = index.files[path];
  if (!touched || touched.length === 0) return undefined;
  const set = new Set(touched);
  const rank = (c: number) => {
    const commit = index.commits[c]!;
    return [blamed.has(commit.hash) ? 0 : 1, -c, commit.width] as const;
  };
  const mine = index.items
    .filter((i) => set.has(i.c) && !(takenOut.size > 0 && takenOut.has(itemKey(i.kind, i.text))))
    .sort((a, b) => {
      const ra = rank(a.c);
      const rb = rank(b.c);
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
    });
  if (mine.length === 0) return undefined;
  const head = `git-session: decisions and dead ends still in force for ${label} (newest first; respect them, or record a new decision that supersedes one):`;
  const budget = budgetTokens * 4;
  let used = head.length;
  const lines: string[] = [];
  const keys: string[] = [];
  const deferred: IndexedItem[] = [];
  // Every item first in its short form, then reasons as the budget allows: more items, fewer words.
  for (const item of mine) {
    const short = index.commits[item.c]!.short;
    const full = line(item, short, true);
    if (used + 1 + full.length <= budget) {
      lines.push(full);
      used += 1 + full.length;
      keys.push(servedKey(item, short));
      continue;
    }
    deferred.push(item);
  }
  for (const item of deferred) {
    const short = index.commits[item.c]!.short;
    const bare = line(item, short, false);
    if (used + 1 + bare.length > budget) continue;
    lines.push(bare);
    used += 1 + bare.length;
    keys.push(servedKey(item, short));
  }
  if (lines.length === 0) return undefined;
  const more = mine.length - lines.length;
  const tail = more > 0 ? `\n(${more} more: git session why ${label})` : '';
  const text = `${head}\n${lines.join('\n')}${used + tail.length <= budget ? tail : ''}`;
  return { text, fingerprint: keys.sort().join('\n'), served: lines.length, total: mine.length };
}
