import { GitSessionError } from '../errors.js';
import { failed, gitStream, redactRecords, type History } from './history.js';
import { decodeText } from './fs.js';
import { readBlobs } from './read-blobs.js';
import { closeCount } from './close-count.js';
import { readsAsClose } from '../core/history/close.js';
import { BUILD_KEY } from './build-key.js';
import { readState, statePathOf, writeState } from './edit-state.js';
import { findRepoDirs } from './repo-layout.js';
import { judgedAtHead, judgedItemsOf } from './head-record.js';
import { shallowBoundaries } from './shallow-boundaries.js';
import { WalkStream, walkFormat, MERGE_DIFF_OPTION, WALK_DIFF_OPTIONS, NO_BLOB, type TouchedFile, type WalkCommit } from '../core/history/walk.js';
import { deriveStatus, itemKey, type SessionCommit, type SessionItem, type TrackedItem } from '../core/history/status.js';
import { plainItems, type PlainItems } from '../core/session/plain-items.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { latin1Text } from '../core/pipeline/preflight.js';
import { joinReason, REASON_SEPARATOR } from '../core/trailers/reason.js';
import { journalPathspec } from '../core/report/journal-diff.js';
import type { Range } from '../core/report/targets.js';
import type { CommitRecord, Reasoned } from '../core/report/types.js';

/**
 * The record of a history as the readers see it: one `git log` walk (trailers,
 * bodies, touched files with blob ids) and one `git cat-file --batch` of the session
 * file's texts before and after each commit that changed it.
 */
export interface SessionHistory {
  /** Newest first, as git lists them. */
  commits: WalkCommit[];
  /** Every item recorded, oldest first, with its status. */
  items: TrackedItem[];
  /** The items each commit added, by full id. */
  byCommit: Map<string, TrackedItem[]>;
}

/** A version's items; null for one that cannot be read as a session file (see recordOf). */
type Parsed = { decisions: SessionItem[]; deadEnds: SessionItem[] } | null;

/**
 * What was read of blobs, by blob id. Blobs never change, so what was read once is
 * kept under the git dir (`git-session/items.json`) and read from there:
 * - `blobs`: the public decisions and dead ends of session file versions (indexes
 *   into `items`), secrets redacted; null for a version the parser refuses;
 * - `closes`: how many close headings journal versions hold (see closeCount).
 */
type BlobCache = {
  build: string;
  file: string;
  items: [SessionItem['kind'], string, string | null][];
  blobs: Record<string, number[] | null>;
  closes: Record<string, number>;
};

type KeptBlobs = { cache: BlobCache; save: () => void };

function keptBlobs(h: History): KeptBlobs {
  const dirs = findRepoDirs(h.root);
  const path = dirs ? statePathOf(dirs, 'items') : undefined;
  const stored = path ? readState<BlobCache>(path) : undefined;
  const usable =
    stored?.build === BUILD_KEY &&
    stored.file === h.config.sessionFile &&
    [stored.items, stored.blobs, stored.closes].every((v) => typeof v === 'object' && v !== null);
  const cache: BlobCache = usable ? stored : { build: BUILD_KEY, file: h.config.sessionFile, items: [], blobs: {}, closes: {} };
  return { cache, save: () => path && writeState(path, cache) };
}

/**
 * Each distinct text as readers show it, one line each as an item is shown: without
 * terminal control sequences, secrets redacted as the commit check finds them, also
 * one hidden by an escape or an invisible character (a version committed without the
 * hooks was never checked). The same bullet or trailer stands in many commits: each
 * is redacted once.
 */
async function redactEach(texts: readonly string[]): Promise<Map<string, string>> {
  if (texts.length === 0) return new Map();
  const { shownSessionTexts } = await import('../core/redact/index.js');
  return shownSessionTexts(texts);
}

/**
 * A version's text, or null for one the commands refuse in the work tree (binary, over
 * 1 MB, not UTF-8): its bytes split at newlines would read as made-up items.
 */
function versionText(bytes: Buffer): string | null {
  try {
    return decodeText(bytes, 'a session file version');
  } catch (error) {
    if (error instanceof GitSessionError) return null;
    throw error;
  }
}

/** Parses into `out` as it goes, so that what was parsed before `check` stopped the work is kept. */
async function parseBlobs(texts: Map<string, string | null>, file: string, out: Map<string, SessionItem[] | null>, check: () => void): Promise<void> {
  // The same bullet stands in many versions: each distinct text is redacted once.
  const shown = new Map<string, string>();
  for (const [id, text] of texts) {
    check();
    if (text === null) {
      out.set(id, null);
      continue;
    }
    let items: SessionItem[];
    try {
      // Most versions are plain enough to read line by line; the parser loads for the others.
      const { decisions, deadEnds } = plainItems(text) ?? (await parsedItems(text, file));
      items = [...decisions.map((d): SessionItem => ({ kind: 'decision', ...d })), ...deadEnds.map((d): SessionItem => ({ kind: 'deadEnd', ...d }))];
    } catch (error) {
      if (!(error instanceof GitSessionError)) throw error;
      // A version committed mid-conflict, or with front matter that does not parse: unreadable.
      out.set(id, null);
      continue;
    }
    const unseen = items.flatMap((i) => (i.reason === null ? [i.text] : [i.text, i.reason])).filter((t) => !shown.has(t));
    for (const [t, r] of await redactEach(unseen)) shown.set(t, r);
    out.set(
      id,
      items.map((i) => ({ ...i, text: shown.get(i.text)!, reason: i.reason === null ? null : shown.get(i.reason)! })),
    );
  }
}

/**
 * The decisions and dead ends of one session file text as the readers take them from a
 * version (line by line or by the parser, each text shown as readers show it); null
 * for a text that cannot be read as a session file (committed mid-conflict).
 */
export async function sessionItemsOf(text: string, file: string): Promise<SessionItem[] | null> {
  const found = new Map<string, SessionItem[] | null>();
  await parseBlobs(new Map([['text', text]]), file, found, noCheck);
  return found.get('text') ?? null;
}

async function parsedItems(text: string, file: string): Promise<PlainItems> {
  const { parseSession, getDecisions, getDeadEnds } = await import('../core/session/index.js');
  const doc = parseSession(text, file);
  return { decisions: getDecisions(doc), deadEnds: getDeadEnds(doc) };
}

async function itemsOf(ids: readonly string[], h: History, kept: KeptBlobs, check: () => void): Promise<Map<string, Parsed>> {
  const { cache } = kept;
  const missing = ids.filter((id) => !Object.hasOwn(cache.blobs, id));
  if (missing.length > 0) {
    const parsed = new Map<string, SessionItem[] | null>();
    try {
      await parseBlobs(await readBlobs(missing, h.root, h.opts.env, versionText), h.config.sessionFile, parsed, check);
    } finally {
      // Kept even when `check` stopped the parse: whoever takes the work over starts from here.
      const index = new Map(cache.items.map((t, i) => [JSON.stringify(t), i]));
      for (const [id, items] of parsed) {
        cache.blobs[id] = items?.map((item) => {
          const tuple: BlobCache['items'][number] = [item.kind, item.text, item.reason];
          const key = JSON.stringify(tuple);
          let at = index.get(key);
          if (at === undefined) {
            at = cache.items.push(tuple) - 1;
            index.set(key, at);
          }
          return at;
        }) ?? null;
      }
      if (parsed.size > 0) kept.save();
    }
  }
  const out = new Map<string, Parsed>();
  for (const id of ids) {
    const stored = cache.blobs[id];
    if (stored === null) {
      out.set(id, null);
      continue;
    }
    const items = (stored ?? []).map((i): SessionItem => {
      const [kind, text, reason] = cache.items[i]!;
      return { kind, text, reason };
    });
    out.set(id, { decisions: items.filter((i) => i.kind === 'decision'), deadEnds: items.filter((i) => i.kind === 'deadEnd') });
  }
  return out;
}

function difference(a: readonly SessionItem[], b: readonly SessionItem[]): SessionItem[] {
  const keys = new Set(b.map((i) => itemKey(i.kind, i.text)));
  return a.filter((i) => !keys.has(itemKey(i.kind, i.text)));
}

/** How many close headings each journal version holds, each version read once (see keptBlobs). */
async function closeCounts(ids: readonly string[], h: History, kept: KeptBlobs): Promise<(id: string) => number> {
  const { closes } = kept.cache;
  const missing = ids.filter((id) => !Object.hasOwn(closes, id));
  if (missing.length > 0) {
    // One git lacks (a shallow clone's) is not kept: a fetch can bring it.
    for (const [id, count] of await readBlobs(missing, h.root, h.opts.env, closeCount)) closes[id] = count;
    kept.save();
  }
  return (id) => closes[id] ?? 0;
}

type Select = {
  revArgs?: readonly string[];
  filters?: readonly string[];
  label?: string;
  /**
   * Called between units of work (a commit read, a session file version parsed); it
   * throws to stop the read. Parsing is synchronous and can run for minutes on a long
   * history, so a timer alone could never interrupt it.
   */
  check?: () => void;
};

const noCheck = (): void => {};

/** What the record needs of a commit. */
type Kept = { record: Pick<CommitRecord, 'hash' | 'short' | 'decisions' | 'deadEnds'>; reverts: string | null; files: readonly TouchedFile[] };

/**
 * A copy of a string cut from git's output. V8 keeps such a cut as a view into the
 * piece it was cut from, so a few words kept from each commit would keep all of
 * git's output alive; what the record keeps is copied out.
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** What the record needs of a commit, and nothing that keeps git's output alive. */
function slim(c: WalkCommit): Kept {
  const { hash, short, decisions, deadEnds } = c.record;
  return {
    record: { hash: own(hash), short: own(short), decisions: decisions.map(own), deadEnds: deadEnds.map(own) },
    reverts: c.reverts === null ? null : own(c.reverts),
    files: c.files.map((f) => ({
      ...f,
      path: own(f.path),
      ...(f.oldPath === undefined ? {} : { oldPath: own(f.oldPath) }),
      ...(f.parentBlobs === undefined ? {} : { parentBlobs: f.parentBlobs.map(own) }),
    })),
  };
}

/** The items a selection of commits recorded, with their status, without the commits themselves. */
export type SessionItems = Omit<SessionHistory, 'commits'>;

/**
 * The walk, parsed while it arrives. With `lean`, the diff is limited to the session
 * file and the journal (the tree diff of every other path is most of git's work)
 * and only the commits that can record or retire an item are kept: one with a
 * trailer, a revert, or a change to the session file. The journal's changes matter
 * only beside one (a close, see recordOf): where every commit adds a journal entry,
 * keeping those alone would keep the whole history.
 */
async function walk(h: History, select: Select, lean: true): Promise<Kept[]>;
async function walk(h: History, select: Select, lean: false): Promise<WalkCommit[]>;
async function walk(h: History, select: Select, lean: boolean): Promise<Kept[]> {
  const sessionFile = normalisePath(h.config.sessionFile);
  const session = `:(top,literal)${sessionFile}`;
  const args = [
    'log',
    `--format=${walkFormat(h.keys, lean)}`,
    ...WALK_DIFF_OPTIONS,
    // Every commit is still listed (--sparse), none simplified away (--full-history).
    ...(lean ? [MERGE_DIFF_OPTION, '--full-history', '--sparse', '--no-follow'] : []),
    ...(select.filters ?? []),
    '--end-of-options',
    ...(select.revArgs ?? ['HEAD']),
    '--',
    ...(lean ? [session, journalPathspec(h.config.journal.path)] : []),
  ];
  const touches = (f: TouchedFile) => f.path === sessionFile || f.oldPath === sessionFile;
  const commits: Kept[] = [];
  const check = select.check ?? noCheck;
  const stream = new WalkStream(h.keys, (c) => {
    check();
    if (!lean) commits.push(c);
    else if (c.files.some(touches) || c.reverts !== null || c.record.decisions.length > 0 || c.record.deadEnds.length > 0) commits.push(slim(c));
  });
  // The whole tree's walk asks for merges' combined entries in a walk of its own,
  // limited to the session file (see MERGE_DIFF_OPTION), run beside it.
  const merges = lean ? undefined : mergeEntries(h, select, session, check);
  // Awaited below; if the walk fails first, its own error is the one reported.
  merges?.catch(() => {});
  const result = await gitStream(args, h.opts, (text) => stream.push(text));
  if (result.code !== 0) return failed(result, select.label ?? 'the history of HEAD', h.opts);
  stream.end();
  if (merges) {
    const entries = await merges;
    for (const c of commits as WalkCommit[]) c.files.push(...(entries.get(c.record.hash) ?? []));
  }
  // The lean walk keeps no subject, name or file a reader shows.
  if (!lean) await redactRecords((commits as WalkCommit[]).map((c) => c.record));
  return commits;
}

/** The session file's combined entries of the merges a selection holds, by merge. */
async function mergeEntries(h: History, select: Select, session: string, check: () => void): Promise<Map<string, TouchedFile[]>> {
  const args = [
    'log',
    `--format=${walkFormat(h.keys, true)}`,
    ...WALK_DIFF_OPTIONS,
    MERGE_DIFF_OPTION,
    '--merges',
    '--full-history',
    '--no-follow',
    ...(select.filters ?? []),
    '--end-of-options',
    ...(select.revArgs ?? ['HEAD']),
    '--',
    session,
  ];
  const found = new Map<string, TouchedFile[]>();
  const stream = new WalkStream(h.keys, (c) => {
    check();
    const entries = c.files.filter((f) => f.parentBlobs);
    if (entries.length > 0) found.set(c.record.hash, entries);
  });
  const result = await gitStream(args, h.opts, (text) => stream.push(text));
  if (result.code !== 0) return failed(result, select.label ?? 'the history of HEAD', h.opts);
  stream.end();
  return found;
}

/** What a selection of commits recorded, with the status of every item. `revArgs` default to HEAD. */
export async function readSessionHistory(h: History, select: Select = {}): Promise<SessionHistory> {
  const commits = await walk(h, select, false);
  return { commits, ...(await recordOf(commits, h, select.check)) };
}

/** The walk of {@link readSessionHistory} alone: every commit with every file it touched, newest first. */
export function walkSessionHistory(h: History, select: Select = {}): Promise<WalkCommit[]> {
  return walk(h, select, false);
}

/** What the record needs of a commit, as kept beside it (see recordCommitsOf). */
export type RecordCommit = Kept;

/**
 * What the record needs of the commits of a walk, to be kept and judged again with
 * the commits that follow them (see judgeRecord): the commits the lean walk keeps,
 * each with its session file and journal entries alone. recordOf reads nothing else,
 * so it judges these as it judges the whole walk.
 */
export function recordCommitsOf(h: History, commits: readonly WalkCommit[]): RecordCommit[] {
  const sessionFile = normalisePath(h.config.sessionFile);
  const isJournal = journalMatcher(h.config.journal.path);
  const touches = (f: TouchedFile) => f.path === sessionFile || f.oldPath === sessionFile;
  const out: RecordCommit[] = [];
  for (const c of commits) {
    if (!(c.files.some(touches) || c.reverts !== null || c.record.decisions.length > 0 || c.record.deadEnds.length > 0)) continue;
    out.push(slim({ ...c, files: c.files.filter((f) => touches(f) || isJournal(f.path)) }));
  }
  return out;
}

/** Every item `commits` (newest first, parents after children) recorded, with its status. */
export function judgeRecord(commits: readonly RecordCommit[], h: History, check?: () => void): Promise<SessionItems> {
  return recordOf(commits, h, check);
}

/**
 * The items and their status as `readSessionHistory` gives them, from a walk that
 * diffs only the session file and the journal and keeps only the commits that
 * record or retire something: what the reports need, at a fraction of the time and memory.
 */
export async function readSessionItems(
  h: History,
  select: { revArgs?: readonly string[]; filters?: readonly string[]; label?: string } = {},
): Promise<SessionItems> {
  const wholeHead = select.filters === undefined && (select.revArgs === undefined || (select.revArgs.length === 1 && select.revArgs[0] === 'HEAD'));
  if (!wholeHead) return recordOf(await walk(h, select, true), h);
  const items = await judgedAtHead(
    h,
    (revArgs) => walk(h, { ...select, revArgs }, true),
    async (commits) => (await recordOf(commits, h)).items,
    (c) => c.record.hash,
  );
  return { items, byCommit: byCommitOf(items) };
}

/**
 * The record judged on the whole history of a range's ends, not on the range alone: a
 * range that reverts or withdraws what was recorded before it then says so, and a
 * trailer naming an item in force since before the range is not taken for a new
 * record. HEAD's is what the readers keep.
 */
export function readJudgedItems(h: History, range: Range): Promise<SessionItems> {
  // Every range reads as the commits its head has and its base lacks (A...B too, see
  // parseRange): the head's whole history holds them all.
  return range.head === 'HEAD' ? readSessionItems(h) : readSessionItems(h, { revArgs: [range.head], label: `range ${range.label}` });
}

/**
 * The items `hashes` recorded, judged on the whole history of HEAD: read for those
 * commits alone from what is kept when it is current (see judgedItemsOf), else as
 * {@link readSessionItems} reads every item.
 */
export async function readItemsOf(h: History, hashes: readonly string[]): Promise<SessionItems> {
  if (hashes.length === 0) return { items: [], byCommit: new Map() };
  const kept = judgedItemsOf<TrackedItem>(h, hashes);
  return kept ? { items: kept, byCommit: byCommitOf(kept) } : readSessionItems(h);
}

async function recordOf(commits: readonly Kept[], h: History, check: () => void = noCheck): Promise<SessionItems> {
  const sessionFile = normalisePath(h.config.sessionFile);
  const isJournal = journalMatcher(h.config.journal.path);
  const kept = keptBlobs(h);
  const blobs = new Set<string>();
  for (const c of commits) {
    for (const f of c.files) {
      if (f.path !== sessionFile && f.oldPath !== sessionFile) continue;
      if ((f.oldPath ?? f.path) === sessionFile && !NO_BLOB.test(f.oldBlob)) blobs.add(f.oldBlob);
      if (f.path === sessionFile && !NO_BLOB.test(f.newBlob)) blobs.add(f.newBlob);
      for (const id of f.parentBlobs ?? []) if (!NO_BLOB.test(id)) blobs.add(id);
    }
  }
  const [parsed, shown] = await Promise.all([
    blobs.size > 0 ? itemsOf([...blobs], h, kept, check) : new Map<string, Parsed>(),
    // Trailers are read as the tree's items are: no terminal control sequence, no secret.
    redactEach(commits.flatMap((c) => [...c.record.decisions, ...c.record.deadEnds])),
  ]);
  const none = { decisions: [], deadEnds: [] };
  // A version's items: none where the file is absent (a blob id of zeros, a side the rename left).
  const itemsAt = (id: string | undefined): Parsed => (id === undefined ? none : parsed.has(id) ? parsed.get(id)! : none);
  // The version each version was made from, where a listed commit made it (a merge shows no diff).
  const madeFrom = new Map<string, string>();
  for (const c of commits) {
    // Not a merge's: the version before a merge committed mid-conflict is no one parent's.
    for (const f of c.files) if (f.path === sessionFile && (f.oldPath ?? f.path) === sessionFile && !f.parentBlobs) madeFrom.set(f.newBlob, f.oldBlob);
  }
  // The last version before `id` that can be read: what a commit mending a conflict is compared with.
  const readableBefore = (id: string): Parsed => {
    const seen = new Set<string>();
    let at: string | undefined = id;
    while (at !== undefined && itemsAt(at) === null && !seen.has(at)) {
      seen.add(at);
      at = madeFrom.get(at);
    }
    return at === undefined ? null : itemsAt(at);
  };
  const cut = shallowBoundaries(h.shallowFile);
  const sessionCommits = new Map<string, SessionCommit>();
  const closeCandidates: { commit: SessionCommit; journal: WalkCommit['files'] }[] = [];
  for (const c of commits) {
    check();
    let added: SessionItem[] = [];
    let removed: SessionItem[] = [];
    // Whether the commit left the session file with no decision or dead end.
    let emptied = false;
    const change = c.files.find((f) => f.path === sessionFile || f.oldPath === sessionFile);
    const merge = change?.parentBlobs !== undefined;
    if (change?.parentBlobs) {
      // A merge's result, unlike every parent's: what no parent had is its own, and what
      // some parent had and it lacks it took out (deriveStatus retires only what still stands).
      const parents = change.parentBlobs.map(itemsAt);
      const after = itemsAt(change.newBlob);
      if (after !== null && parents.every((p) => p !== null)) {
        const b = parents.flatMap((p) => [...p!.decisions, ...p!.deadEnds]);
        const a = [...after.decisions, ...after.deadEnds];
        added = difference(a, b);
        removed = difference(b, a);
      }
    } else if (change) {
      // A version that cannot be read (committed mid-conflict) says nothing of what a commit
      // added or removed: read as empty, it would retire every item, and the commit that
      // mends it would record them all again as its own. The commit that brings one counts
      // by its trailers only; the one that mends it is compared with the version before the
      // conflict, where the walk shows it (else it too counts by its trailers only).
      const old = (change.oldPath ?? change.path) === sessionFile ? change.oldBlob : undefined;
      const before = old === undefined ? none : readableBefore(old);
      const after = itemsAt(change.path === sessionFile ? change.newBlob : undefined);
      if (before !== null && after !== null) {
        const b = [...before.decisions, ...before.deadEnds];
        const a = [...after.decisions, ...after.deadEnds];
        added = difference(a, b);
        removed = difference(b, a);
        emptied = change.path === sessionFile && readsAsClose(a.length);
      }
    }
    const commit: SessionCommit = {
      hash: c.record.hash,
      short: c.record.short,
      added,
      removed,
      trailers: {
        decisions: c.record.decisions.map((v) => asTreeItem(shown.get(v)!, added, 'decision')),
        deadEnds: c.record.deadEnds.map((v) => asTreeItem(shown.get(v)!, added, 'deadEnd')),
      },
      reverts: c.reverts,
      closes: false,
      cutOff: cut.has(c.record.hash),
      ...(merge ? { merge } : {}),
    };
    sessionCommits.set(commit.hash, commit);
    const journal = c.files.filter((f) => isJournal(f.path));
    // A merge never closes a session: `git session new` is a commit of its own. Its close
    // heading in the journal says so. With the journal turned off there is none: a file
    // left with no item then reads as a close, as the work tree's does. With it on, such
    // a commit without a close entry withdrew the last item (by hand, without the hooks).
    if (!merge && removed.length > 0 && journal.length > 0) closeCandidates.push({ commit, journal });
    else if (!merge && removed.length > 0 && emptied && !h.config.journal.enabled) commit.closes = true;
  }
  if (closeCandidates.length > 0) {
    const ids = closeCandidates.flatMap((x) => x.journal.flatMap((f) => [f.oldBlob, f.newBlob])).filter((id) => !NO_BLOB.test(id));
    const closes = await closeCounts([...new Set(ids)], h, kept);
    for (const { commit, journal } of closeCandidates) {
      commit.closes = journal.some((f) => closes(f.newBlob) > closes(f.oldBlob));
    }
  }
  const oldestFirst = [...commits].reverse().map((c) => sessionCommits.get(c.record.hash)!);
  const items = deriveStatus(oldestFirst);
  return { items, byCommit: byCommitOf(items) };
}

/**
 * A trailer as the item of its commit's own tree it was woven for. A message stored in
 * latin1 (i18n.commitEncoding) holds `what — why` as `what - why` (see latin1Text),
 * which would otherwise read as a second item, without its reason.
 */
function asTreeItem(value: string, added: readonly SessionItem[], kind: SessionItem['kind']): string {
  // Runs for every trailer of a whole history: one that holds our dash was never made latin1.
  if (value.includes(REASON_SEPARATOR)) return value;
  for (const item of added) {
    if (item.kind !== kind) continue;
    const woven = joinReason(item.text, item.reason);
    if (woven !== value && latin1Text(woven) === value) return woven;
  }
  return value;
}

function byCommitOf(items: readonly TrackedItem[]): Map<string, TrackedItem[]> {
  const byCommit = new Map<string, TrackedItem[]>();
  for (const item of items) {
    const list = byCommit.get(item.commit) ?? [];
    list.push(item);
    byCommit.set(item.commit, list);
  }
  return byCommit;
}

/** An item as the reports show it: what, why, and what became of it. */
export function reasonedItem(item: TrackedItem): Reasoned {
  return { text: item.text, reason: item.reason, status: item.status, changedBy: item.changedByShort };
}

/**
 * Gives each record the items its commit recorded (tree and trailers, each once), with
 * their status. With `restored`, a revert also shows the items it put back in force,
 * each with the commit that recorded it, where that commit is not among the records:
 * blame names the revert for their lines (`why` on a line restored by a revert of a revert).
 */
export function withItems(records: readonly CommitRecord[], history: SessionItems, restored = false): CommitRecord[] {
  const listed = new Set(records.map((r) => r.hash));
  const back = new Map<string, TrackedItem[]>();
  if (restored) {
    for (const item of history.items) {
      if (item.restoredBy === undefined || !listed.has(item.restoredBy) || listed.has(item.commit)) continue;
      back.set(item.restoredBy, [...(back.get(item.restoredBy) ?? []), item]);
    }
  }
  const shown = (item: TrackedItem, own: boolean): Reasoned => (own ? reasonedItem(item) : { ...reasonedItem(item), recordedIn: item.short });
  return records.map((r) => {
    const items = [...(history.byCommit.get(r.hash) ?? []).map((i) => [i, true] as const), ...(back.get(r.hash) ?? []).map((i) => [i, false] as const)];
    return {
      ...r,
      items: {
        decisions: items.filter(([i]) => i.kind === 'decision').map(([i, own]) => shown(i, own)),
        deadEnds: items.filter(([i]) => i.kind === 'deadEnd').map(([i, own]) => shown(i, own)),
      },
    };
  });
}
