import { BUILD_KEY } from './build-key.js';
import { git } from './git.js';
import type { History } from './history.js';
import { readState, statePathOf, writeStateList } from './edit-state.js';
import { type RepoDirs } from './repo-layout.js';
import { judgeRecord, recordCommitsOf, walkSessionHistory, type RecordCommit } from './session-history.js';
import { shallowBoundaries } from './shallow-boundaries.js';
import { addRecorders, noRecorders, type Recorders } from '../core/history/recorders.js';
import type { TrackedItem } from '../core/history/status.js';
import type { WalkCommit } from '../core/history/walk.js';

/** What is kept: the commits the record needs (see recordCommitsOf), newest first, and the recorders, at `head`. */
type Kept = { key: string; head: string; recorders: Recorders; record: RecordCommit[] };

/**
 * What the edit-time index is built from for `head`: every item of its history with its
 * status, and the commits that recorded them with the files each touched. Kept under
 * the git dir with the HEAD it was read at (`git-session/edit-history.json`): the whole
 * tree's walk of a long history is seconds, and the hook has one before it hands off.
 * A HEAD a line of commits on (a commit, a fast-forward without merges) walks those
 * alone and judges them after the kept ones; any other (a merge, a rebase, another
 * branch) walks the whole history again, as a walk of it may then list the commits in
 * another order, and what is judged depends on the order. Either way the result is
 * what a walk of the whole history gives.
 */
export async function editHistoryAt(
  h: History,
  dirs: RepoDirs,
  head: string,
  stamp: string,
  ignore: (path: string) => boolean,
  check?: () => void,
): Promise<{ items: TrackedItem[]; recorders: Recorders }> {
  const cut = shallowBoundaries(h.shallowFile);
  // Where a shallow clone stops is part of what the walk saw (see headAt in head-record.ts).
  const key = JSON.stringify([BUILD_KEY, stamp, h.config.sessionFile, h.config.journal.path, h.config.journal.enabled, h.keys, [...cut].sort()]);
  const path = statePathOf(dirs, 'editHistory');
  const read = readState<Kept>(path);
  const stored = read?.key === key && wellFormed(read) ? read : undefined;
  const since = stored && (await lineSince(h, stored.head, head, check));
  const judge = async (commits: readonly WalkCommit[], kept: Kept | undefined) => {
    const record = [...recordCommitsOf(h, commits), ...(kept ? kept.record : [])];
    const { items } = await judgeRecord(record, h, check);
    // Where a shallow clone's history is cut off, git diffs the commit against nothing: it
    // seems to touch every file. The record credits it only with what it certainly
    // recorded (see deriveStatus), which stays in force but is tied to no file, as no one
    // can tell which it was about.
    const oldestFirst = [...commits].reverse().map((c) => ({ hash: c.record.hash, short: c.record.short, files: cut.has(c.record.hash) ? [] : c.files }));
    const recorders = addRecorders(kept ? kept.recorders : noRecorders(), oldestFirst, ignore, new Set(items.map((i) => i.commit)));
    return { items, recorders, record };
  };
  const onKept = since ? await judge(since, stored) : undefined;
  // What was kept holds only the commits that recorded items then. A later commit can
  // credit an older one that recorded none (the revert of the commit where a shallow
  // clone's history stops): then the kept recorders lack it, and the whole history is read.
  const built = onKept && covers(onKept) ? onKept : await judge(await walkSessionHistory(h, { revArgs: [head], check }), undefined);
  writeStateList(path, { key, head, recorders: built.recorders }, 'record', built.record);
  return { items: built.items, recorders: built.recorders };
}

/** Whether every item's commit is among the recorders: what a build from nothing would give. */
function covers(built: { items: readonly TrackedItem[]; recorders: Recorders }): boolean {
  const kept = new Set(built.recorders.commits.map(([hash]) => hash));
  return built.items.every((i) => kept.has(i.commit));
}

/**
 * The commits from `kept` to `head`, newest first, when they are a line on top of it
 * (each one's only parent the next listed, the last one's `kept`): a walk of `head`
 * then lists them before the walk of `kept`, in the same order. Undefined otherwise.
 */
async function lineSince(h: History, kept: string, head: string, check: (() => void) | undefined): Promise<WalkCommit[] | undefined> {
  if (kept === head) return [];
  // Not an ancestor (a rebase, another branch): the walk below would list most of the history.
  const r = await git(['merge-base', '--is-ancestor', kept, head], { cwd: h.root, env: h.opts.env, allowFailure: true });
  if (r.code !== 0) return undefined;
  const since = await walkSessionHistory(h, { revArgs: [head, `^${kept}`], check });
  for (let i = 0; i < since.length; i++) {
    const parents = since[i]!.record.parents;
    if (parents.length !== 1 || parents[0] !== (since[i + 1]?.record.hash ?? kept)) return undefined;
  }
  return since[0]?.record.hash === head ? since : undefined;
}

/** Whether a kept file has the shape written above: a damaged one is walked again, as a missing one is. */
function wellFormed(kept: Kept): boolean {
  const lists = (v: unknown) => Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object');
  return typeof kept.head === 'string' && lists(kept.record) && lists(kept.recorders?.commits) && lists(kept.recorders?.paths);
}
