import type { CommitRecord } from '../core/report/types.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { readState, readStateLines, statePathOf, writeStateList } from './edit-state.js';
import { headAt, listOfRecords, type At } from './head-record.js';
import { streamCommits, type History } from './history.js';

/** The commits that last changed a line range, in git's order, with the journal entries each added. */
export interface BlamedCommits {
  commits: CommitRecord[];
  journal: Map<string, JournalEntry[]>;
}

/** One answer as kept: the commits asked for, in the order they were asked, and what git said of them. */
interface Kept {
  hashes: string[];
  commits: CommitRecord[];
  journal: [string, JournalEntry[]][];
}

/** How many answers are kept for one HEAD, the newest: each is a line of the file, and a reader searches the file whole. */
const KEPT = 256;

/**
 * The commits git blame named for a line range, read with one `git log` and kept for
 * HEAD (`git-session/blamed.json`, an answer a line, under the key of the other kept
 * reads: the build and the settings): `why` asked again about lines the same commits
 * changed (an assistant asking line after line of a file) reads the answer instead of
 * starting git a second time, which was most of what `why` added to git blame. A
 * commit never changes, so an answer is kept as git gave it, in git's order, already
 * redacted; a new HEAD starts the file afresh, as git's short ids can grow with it.
 */
export async function blamedCommits(h: History, hashes: readonly string[], label: string): Promise<BlamedCommits> {
  const at = headAt(h);
  const path = at && statePathOf(at.dirs, 'blamed');
  const kept = path ? keptAnswer(path, at!, hashes) : undefined;
  if (kept) return { commits: kept.commits, journal: new Map(kept.journal) };
  const commits: CommitRecord[] = [];
  const journal = new Map<string, JournalEntry[]>();
  await streamCommits(h.keys, h.config.journal.path, { hashes }, label, h.opts, (c, j) => {
    commits.push(c);
    if (j.length > 0) journal.set(c.hash, j);
  });
  if (path) keep(path, at!, { hashes: [...hashes], commits, journal: [...journal] });
  return { commits, journal };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The kept answer for exactly these commits in this order, found without parsing the others; undefined when there is none or it is damaged. */
function keptAnswer(path: string, at: At, hashes: readonly string[]): Kept | undefined {
  // JSON escapes every quote inside a string: this text starts an answer's line and nothing else.
  const found = readStateLines(path, { key: at.key, head: at.head }, [`{"hashes":${JSON.stringify(hashes)},`]);
  const answer = found?.[0] as Partial<Kept> | undefined;
  if (!answer || !Array.isArray(answer.hashes) || !sameList(answer.hashes, hashes)) return undefined;
  if (!listOfRecords(answer.commits) || !Array.isArray(answer.journal)) return undefined;
  if (!answer.journal.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && listOfRecords(pair[1]))) return undefined;
  return answer as Kept;
}

/** Adds an answer to those kept for HEAD (another HEAD's are dropped), the oldest going past {@link KEPT}. */
function keep(path: string, at: At, answer: Kept): void {
  const read = readState<{ key?: unknown; head?: unknown; value?: unknown }>(path);
  const earlier = read?.key === at.key && read.head === at.head && listOfRecords(read.value) ? (read.value as Kept[]) : [];
  const list = [...earlier.filter((a) => !Array.isArray(a.hashes) || !sameList(a.hashes, answer.hashes)), answer].slice(-KEPT);
  writeStateList(path, { key: at.key, head: at.head }, 'value', list, true);
}
