import { BUILD_KEY } from './build-key.js';
import { leanHeapForLongWalk } from './lean-heap.js';
import { git } from './git.js';
import type { History } from './history.js';
import type { JournalByCommit } from '../core/report/types.js';
import { journalMoves, type JournalMoves } from '../core/report/journal-owners.js';
import { readHeadCommit, readState, readStateLines, statePathOf, writeState, writeStateList } from './edit-state.js';
import { findRepoDirs, type RepoDirs } from './repo-layout.js';
import { shallowBoundaries } from './shallow-boundaries.js';


export type At = { h: History; dirs: RepoDirs; head: string; key: string };

/** Each commit is a search of the whole kept file (~0.3 ms for 100,000 commits' items); past this many, one parse of it costs less. */
const FEW_COMMITS = 16;

/** HEAD's commit id and the key of what is kept for it; undefined outside a repository or before the first commit. */
export function headAt(h: History): At | undefined {
  const dirs = findRepoDirs(h.root);
  const head = dirs ? readHeadCommit(dirs) : undefined;
  if (!dirs || !head) return undefined;
  // Where a shallow clone stops is part of what a walk saw: `git fetch --unshallow` or
  // `--deepen` keeps HEAD but changes what its history records.
  const cut = [...shallowBoundaries(h.shallowFile)].sort();
  // Whether the journal is on decides how a commit that empties the session file reads (see recordOf).
  return { h, dirs, head, key: JSON.stringify([BUILD_KEY, h.config.sessionFile, h.config.journal.path, h.config.journal.enabled, h.keys, cut]) };
}

/**
 * What readers judge on the whole history of HEAD (every item with its status), kept
 * under the git dir with the HEAD it was judged at (`git-session/record-items.json`,
 * an item per line, see {@link judgedItemsOf}): a reader asked again before the next
 * commit (an assistant asking `why` file after file) reads it instead of judging the
 * history again. The key holds the build and the settings, so what another version or
 * another session file made is never reused.
 */
export async function judgedAtHead<K, I extends { commit: string }>(
  h: History,
  walk: (revArgs: readonly string[]) => Promise<K[]>,
  judge: (commits: K[]) => Promise<I[]>,
  hashOf: (commit: K) => string,
): Promise<I[]> {
  const at = headAt(h);
  if (!at) return judge(await walk(['HEAD']));
  const path = statePathOf(at.dirs, 'recordItems');
  const read = readState<{ key: string; head: string; value: I[] }>(path);
  const stored = read?.key === at.key && listOfRecords(read.value) ? read : undefined;
  if (stored?.head === at.head) return stored.value;
  const walked = await keptWalk(at, 'record', walk, hashOf);
  // Judging is a function of the walk alone: commits since that record or retire nothing
  // (most commits only add their journal entry) leave what was judged as it was.
  const value = stored && walked.sameAs === stored.head ? stored.value : await judge(walked.commits);
  writeStateList(path, { key: at.key, head: at.head }, 'value', value, true);
  return value;
}

/**
 * The judged items that `hashes` recorded, read from what {@link judgedAtHead} kept
 * for HEAD without parsing the rest: `why` on a line asks about a commit or two, and
 * reading every judged item of 100,000 commits was most of what it added to git blame.
 * Undefined when nothing is kept for HEAD and these settings, or for more commits than
 * {@link FEW_COMMITS}: the caller judges then, or reads every judged item.
 */
export function judgedItemsOf<I extends { commit: string; restoredBy?: string }>(h: History, hashes: readonly string[]): I[] | undefined {
  const at = hashes.length <= FEW_COMMITS ? headAt(h) : undefined;
  if (!at) return undefined;
  // Also the items a revert among them put back in force: blame names the revert for their lines.
  const needles = hashes.flatMap((hash) => [`"commit":${JSON.stringify(hash)}`, `"restoredBy":${JSON.stringify(hash)}`]);
  const items = readStateLines(statePathOf(at.dirs, 'recordItems'), { key: at.key, head: at.head }, needles);
  // A line that held the needle inside another field is no item of these commits: judge as usual.
  const ours = (item: I) => hashes.includes(item.commit) || (item.restoredBy !== undefined && hashes.includes(item.restoredBy));
  if (!items?.every((item) => item !== null && typeof item === 'object' && ours(item as I))) return undefined;
  return items as I[];
}

/**
 * The journal entries each commit of HEAD's history added by its own diff, kept like
 * the walk (`git-session/journal.json`): `log` then needs no walk of the journal's
 * history, which git answers by diffing every commit. Undefined when git could not
 * read the journal.
 */
export async function journalAtHead(
  h: History,
  walk: (revArgs: readonly string[]) => Promise<JournalByCommit | undefined>,
): Promise<JournalByCommit | undefined> {
  const at = headAt(h);
  const pairs = async (revArgs: readonly string[]) => {
    const byCommit = await walk(revArgs);
    if (!byCommit) throw new JournalUnreadable();
    return [...byCommit];
  };
  try {
    return new Map(at ? (await keptWalk(at, 'journal', pairs)).commits : await pairs(['HEAD']));
  } catch (error) {
    if (error instanceof JournalUnreadable) return undefined;
    throw error;
  }
}

class JournalUnreadable extends Error {}

/**
 * Where HEAD's journal shows a commit with other entries than its own diff added (see
 * journalMoves), kept like the judged items (`git-session/journal-moves.json`): a
 * reader of a few commits (`why`) then reads their diffs and this small file, not the
 * journal of the whole history. None when git could not read the journal.
 */
export async function journalMovesAtHead(
  h: History,
  walk: (revArgs: readonly string[]) => Promise<JournalByCommit | undefined>,
): Promise<JournalMoves> {
  const at = headAt(h);
  const path = at && statePathOf(at.dirs, 'journalMoves');
  const stored = path ? readState<{ key: string; head: string; value: JournalMoves }>(path) : undefined;
  const kept = stored?.value;
  if (at && stored?.key === at.key && stored.head === at.head && listOfRecords(kept?.instead) && listOfRecords(kept?.reverts)) return kept!;
  const journal = await journalAtHead(h, walk);
  // Unreadable now is not unreadable for good: nothing is kept.
  if (!journal) return { instead: [], reverts: [] };
  const value = journalMoves(journal);
  if (at && path) writeState(path, { key: at.key, head: at.head, value });
  return value;
}

/**
 * A walk of HEAD's history, kept beside it (`record`: the readers' lean walk;
 * `journal`: each commit's journal entries) with the HEAD it was made at, since
 * commits never change: a HEAD that descends from the kept one walks only the commits
 * since; any other (after a rebase, a reset, a checkout of another branch) walks again
 * and replaces it. The walk names HEAD by the id read once, so a commit made
 * meanwhile is never filed under it. `sameAs` names the HEAD whose walk this one
 * equals: the kept one, when the commits since it gave the walk nothing.
 */
async function keptWalk<K>(
  { h, dirs, head, key }: At,
  file: 'record' | 'journal',
  walk: (revArgs: readonly string[]) => Promise<K[]>,
  hashOf?: (commit: K) => string,
): Promise<{ commits: K[]; sameAs: string | undefined }> {
  const path = statePathOf(dirs, file);
  const read = readState<{ key: string; head: string; commits: K[] }>(path);
  // A file of the right shape but damaged contents is walked again, as a missing one is.
  const stored = read && listOfRecords(read.commits) ? read : undefined;
  if (stored?.key === key && stored.head === head) return { commits: stored.commits, sameAs: head };
  const since = stored?.key === key && (await descends(h, stored.head, head)) ? await walk([head, `^${stored.head}`]) : undefined;
  if (!since) leanHeapForLongWalk();
  // Newest first, as git lists them: what is new comes before what was kept. That is
  // the order of a walk of HEAD unless a merge brought in commits beside the kept ones.
  let commits = since ? [...since, ...stored!.commits] : await walk([head]);
  if (since && hashOf && (await mergesSince(h, head, stored!.head))) commits = await inWalkOrder(h, head, commits, hashOf);
  writeStateList(path, { key, head }, 'commits', commits);
  return { commits, sameAs: since?.length === 0 ? stored!.head : undefined };
}

/**
 * Whether commits since `kept` include a merge: then the commits it brought sit beside
 * the kept ones, and a walk of HEAD in topological order lists them among those (the
 * second parent's line right after the merge), not before them all. The readers judge
 * in walk order, so what was judged after a merge depended on which branch a reader
 * last ran on, unless the order is taken from git.
 */
async function mergesSince(h: History, head: string, kept: string): Promise<boolean> {
  const r = await git(['rev-list', '--merges', '--max-count=1', head, `^${kept}`, '--'], { cwd: h.root, env: h.opts.env, allowFailure: true });
  return r.code !== 0 || r.stdout.trim() !== '';
}

/** `commits` in the order a walk of `head` lists them (the readers' walk uses --topo-order too). */
async function inWalkOrder<K>(h: History, head: string, commits: K[], hashOf: (commit: K) => string): Promise<K[]> {
  const listed = await git(['rev-list', '--topo-order', head, '--'], { cwd: h.root, env: h.opts.env });
  const at = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < listed.stdout.length; ) {
    const end = listed.stdout.indexOf('\n', i);
    at.set(listed.stdout.slice(i, end < 0 ? undefined : end), n++);
    if (end < 0) break;
    i = end + 1;
  }
  return commits.map((c, i) => ({ c, at: at.get(hashOf(c)) ?? n + i })).sort((a, b) => a.at - b.at).map(({ c }) => c);
}

async function descends(h: History, ancestor: string, head: string): Promise<boolean> {
  const r = await git(['merge-base', '--is-ancestor', ancestor, head], { cwd: h.root, env: h.opts.env, allowFailure: true });
  return r.code === 0;
}

/** Whether a kept value is what the walks write: a list of records (objects or [hash, entries] pairs). */
export function listOfRecords(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object');
}
