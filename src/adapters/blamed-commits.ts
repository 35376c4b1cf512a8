import type { CommitRecord } from '../core/report/types.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { keepStateLine, readStateLines, statePathOf } from './edit-state.js';
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
const KEPT = 128;

/**
 * The commits git blame named for a line range, read with one `git log` and kept for
 * HEAD (`git-session/blamed.json`, an answer a line, under the key of the other kept
 * reads: the build and the settings): `why` asked again about lines the same commits
 * changed (an assistant asking line after line of a file) reads the answer instead of
 * starting git a second time, which was most of what `why` added to git blame. A
 * commit never changes, so an answer is kept as git gave it, in git's order, already
 * redacted. A new HEAD starts the file afresh: what is kept stays small, and a short id
 * (which git lengthens as the objects grow) is kept no longer than the other kept reads keep theirs.
 */
export async function blamedCommits(h: History, hashes: readonly string[], label: string): Promise<BlamedCommits> {
  if (hashes.length === 0) return { commits: [], journal: new Map() };
  // With no HEAD to keep it for (none found from the files), git is asked every time.
  const at = headAt(h);
  const kept = at && keptAnswer(at, hashes);
  if (kept) return { commits: kept.commits, journal: new Map(kept.journal) };
  const commits: CommitRecord[] = [];
  const journal = new Map<string, JournalEntry[]>();
  await streamCommits(h.keys, h.config.journal.path, { hashes }, label, h.opts, (c, j) => {
    commits.push(c);
    if (j.length > 0) journal.set(c.hash, j);
  });
  if (at) keep(at, { hashes: [...hashes], commits, journal: [...journal] });
  return { commits, journal };
}

const sameList = (a: readonly unknown[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

// JSON escapes every quote inside a string: this text starts an answer's line and nothing else.
const needleOf = (hashes: readonly string[]) => `{"hashes":${JSON.stringify(hashes)},`;

/** The kept answer for exactly these commits in this order, found without parsing the others; undefined when there is none or it is damaged. */
function keptAnswer(at: At, hashes: readonly string[]): Kept | undefined {
  const answer = readStateLines(statePathOf(at.dirs, 'blamed'), { key: at.key, head: at.head }, [needleOf(hashes)])?.[0] as Partial<Kept> | undefined;
  if (!answer || !Array.isArray(answer.hashes) || !sameList(answer.hashes, hashes)) return undefined;
  if (!listOfRecords(answer.commits) || !answer.commits!.every((c) => soundCommit(c, hashes))) return undefined;
  if (!Array.isArray(answer.journal) || !answer.journal.every((pair) => Array.isArray(pair) && hashes.includes(pair[0]) && listOfRecords(pair[1]))) return undefined;
  return answer as Kept;
}

/** A kept commit the readers can render: one of those asked about, with the fields they read. */
function soundCommit(c: CommitRecord, hashes: readonly string[]): boolean {
  const texts = [c.short, c.authorName, c.authorEmail, c.date, c.subject];
  const lists = [c.parents, c.decisions, c.deadEnds, c.files];
  return hashes.includes(c.hash) && texts.every((t) => typeof t === 'string') && lists.every(Array.isArray);
}

/** Adds an answer to those kept for HEAD (another HEAD's are dropped), the oldest going past {@link KEPT}. */
function keep(at: At, answer: Kept): void {
  keepStateLine(statePathOf(at.dirs, 'blamed'), { key: at.key, head: at.head }, 'value', needleOf(answer.hashes), answer, KEPT);
}
