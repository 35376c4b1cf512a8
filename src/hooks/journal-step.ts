import { existsSync, readFileSync } from 'node:fs';
import { writeStateQuietly } from '../adapters/state-dir.js';
import type { GitSettings } from '../core/pipeline/preflight.js';
import { assertStaysInWorkTree, removeFile, writeFileAtomic } from '../adapters/fs.js';
import { dirname, join } from 'node:path';
import { git } from '../adapters/git.js';
import { writeJournalEntry, type JournalWriteResult, type WrittenEntry } from '../adapters/journal-file.js';
import { killPoint } from '../adapters/test-kill.js';
import { ENTRY_HEADING, formatLocalTime, journalPath, parseEntries, parseGitDate, renderEntry, sincePrevious, type JournalFile } from '../core/journal/entry.js';
import type { SessionEntry } from '../core/pipeline/session-diff.js';
import { joinReason } from '../core/trailers/index.js';
import { redactedNames } from '../core/journal/redacted-names.js';
import { amendReplaces, commitKeys, entryKey } from '../core/journal/amended.js';
import { entryId as idOf } from '../core/merge/journal.js';
import { everyIndex } from '../adapters/index-file.js';
import { entrySpans, withoutEntries } from '../core/journal/tail.js';
import { journalMatcher } from '../core/pipeline/paths.js';
import { journalPathspec } from '../core/report/journal-diff.js';
import type { HeadMove } from '../adapters/head-moves.js';
import { lazy } from '../adapters/lazy.js';

export interface CommitJournal {
  /** The work tree's top level: git runs there, and the journal path is relative to it. */
  root: string;
  env: NodeJS.ProcessEnv;
  template: string;
  now: Date;
  branch: string;
  goal: string | null;
  status: string | null;
  decisions: readonly SessionEntry[];
  deadEnds: readonly SessionEntry[];
  files: readonly JournalFile[];
  /** An amend: replace the entries the amended commit added instead of adding another. */
  amend: boolean;
  /** On an amend, the amended commit's parents: the entries they hold are never its own. */
  parents: readonly string[];
  /** The index holds other commits' changes (a squash merge, `cherry-pick -n`): their staged entries stay (see CommitMarkers). */
  carried?: boolean;
  /** Every path the commit changes, the journal included (on an amend: since the amended commit's parents). */
  changedPaths: readonly string[];
  /** Where the last entry pre-commit wrote is remembered (`last-entry.json` in the state dir). */
  lastEntryPath: string;
  /** The commit HEAD names now (undefined before the first commit). */
  head: string | undefined;
  /** core.autocrlf and core.sparseCheckout: from the hook script's pipe, else asked once (gitSettingsOf). */
  settings: () => Promise<GitSettings>;
  /** HEAD's last moves (its reflog's end, newest first): a commit after a reset looks for the entries of commits it took back. */
  headMoves: () => readonly HeadMove[];
  /** Entries put back after a revert (see reverted-step.ts): staged entries that hold one are never replaced. */
  kept?: ReadonlySet<string>;
}

/** The entry the previous pre-commit wrote, and the HEAD it was written on. */
interface LastEntry extends WrittenEntry {
  path: string;
  head: string | null;
  /** Its heading time: the previous entry's time for the first entry of a new journal file. */
  time?: string;
  /**
   * The entry it replaces (an earlier attempt's): recorded with it because the record is
   * written before the file changes, so a kill in between leaves that entry in place.
   */
  replaces?: WrittenEntry;
}

function isSpan(e: Partial<WrittenEntry> | undefined): e is WrittenEntry {
  return e !== undefined && Number.isInteger(e.offset) && Number.isInteger(e.length) && typeof e.text === 'string';
}

function readLastEntry(path: string): LastEntry | undefined {
  try {
    const e = JSON.parse(readFileSync(path, 'utf8')) as Partial<LastEntry>;
    const ok =
      typeof e.path === 'string' &&
      (e.head === null || typeof e.head === 'string') &&
      (e.time === undefined || typeof e.time === 'string') &&
      (e.replaces === undefined || isSpan(e.replaces)) &&
      isSpan(e);
    return ok ? (e as LastEntry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Before a journal file is created: refused when git would never take it (a sparse
 * checkout that leaves the journal out, where a later `commit -a` would replace the
 * committed file with this one entry), and whether it must be written with CRLF
 * (core.autocrlf=true, where core.safecrlf refuses LF text). The hook script has
 * usually asked git already; only the first entry of a file ever asks.
 */
async function newJournalFile(root: string, env: NodeJS.ProcessEnv, relative: string, gitSettings: () => Promise<GitSettings>): Promise<boolean> {
  const settings = await gitSettings();
  // In a sparse checkout, a journal folder that is not in the work tree is outside the cone,
  // and a tracked file missing from the work tree is one git keeps out of it.
  if (settings.sparse) {
    const outside = !existsSync(dirname(join(root, relative))) || (await git(['ls-files', '--', relative], { cwd: root, env })).stdout.trim() !== '';
    if (outside) {
      throw new Error(`${relative} is outside this sparse checkout; add .session/ to it (git sparse-checkout add .session) to keep the journal`);
    }
  }
  return settings.autocrlf;
}

/** A new entry's identity: 12 hex digits, what merges and readers tell entries apart by (no need for a hash function). */
function entryId(): string {
  let id = '';
  while (id.length < 12) id += Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0');
  return id.slice(0, 12);
}

/**
 * The entries the work tree's journal (`disk`) holds after HEAD's copy of it. Undefined
 * when the file is not HEAD's plus appended entries (a hand edit), when there are none,
 * or when they hold entries a revert dropped and this commit put back: those follow
 * HEAD's copy too, and are no commit's to replace.
 */
async function appendedToHead(j: CommitJournal, relative: string, disk: string | undefined): Promise<string | undefined> {
  if (disk === undefined) return undefined;
  // Line endings aside: under core.autocrlf the work tree's copy ends its lines in CRLF, git's in LF.
  const held = lf(await textAt(j, 'HEAD', relative));
  const own = lf(disk);
  if (!own.startsWith(held) || own.length === held.length) return undefined;
  // The blank line that parts them from HEAD's last entry is no part of theirs.
  const text = own.slice(held.length).replace(/^\n+/, '');
  if (!ENTRY_HEADING.test(text.split(/\r?\n/)[0] ?? '')) return undefined;
  if (j.kept && [...j.kept].some((entry) => text.includes(entry))) return undefined;
  return text;
}

/**
 * Which of the entries staged after HEAD's copy of the journal are earlier attempts of
 * this commit: the commit entries (a checkpoint among them stays).
 */
async function unheldEntries(j: CommitJournal, relative: string, disk: string | undefined): Promise<((entry: string) => boolean) | undefined> {
  const text = await appendedToHead(j, relative, disk);
  const attempts = text === undefined ? new Set<string>() : commitKeys(text);
  return attempts.size === 0 ? undefined : (entry) => attempts.has(entryKey(entry));
}

const lf = (text: string): string => text.replace(/\r\n/g, '\n');

/** How far back HEAD's reflog is searched for the commits a reset took back. */
const RESET_MOVES = 30;

/**
 * Which of the entries following HEAD's copy of an unstaged journal are those of commits
 * `git reset` took back while keeping the work tree (a mixed reset, or `reset HEAD^` to
 * split a commit at a rebase's edit stop). This commit redoes their work, as after
 * `reset --soft`, so its entry stands for them. Only entries a commit HEAD was on lately
 * holds are taken: one no commit ever held (git could not stage it) is kept. Asked only
 * when a reset moved HEAD since the last commit, so the usual commit (and the first after
 * a checkout or a pull) reads the reflog's end and starts no git for it.
 */
async function resetEntries(j: CommitJournal, relative: string, disk: string | undefined): Promise<((entry: string) => boolean) | undefined> {
  const moves = j.headMoves();
  if (!resetSinceCommit(moves)) return undefined;
  const text = await appendedToHead(j, relative, disk);
  const appended = text === undefined ? new Set<string>() : commitKeys(text);
  if (appended.size === 0) return undefined;
  const visited = new Set(moves.slice(0, RESET_MOVES).flatMap((m) => [m.from, m.to]));
  if (j.head) visited.delete(j.head);
  visited.delete('0'.repeat(j.head?.length ?? 40));
  // Loaded only here: its child_process would cost every commit's start.
  const { readBlobs } = await lazy('read-blobs', () => import('../adapters/read-blobs.js'));
  const copies = await readBlobs([...visited].map((c) => `${c}:${relative}`), j.root, j.env);
  // Only an entry as a commit held it, to the byte (line endings aside): a note of the
  // person's own written into it or after it (the last entry runs to the file's end) keeps
  // it where it is, the note with it.
  const asHeld = (entry: string) => lf(entry).trimEnd();
  const dropped = new Set(
    [...copies.values()].flatMap((copy) =>
      entrySpans(copy)
        .map((span) => copy.slice(span.start, span.end))
        .filter((entry) => appended.has(entryKey(entry)))
        .map(asHeld),
    ),
  );
  return dropped.size === 0 ? undefined : (entry) => dropped.has(asHeld(entry));
}

/** Whether HEAD's moves since the last commit (newest first) hold a reset: only a reset takes commits back. */
function resetSinceCommit(moves: readonly HeadMove[]): boolean {
  const since = moves.findIndex((m) => m.why.startsWith('commit'));
  return moves.slice(0, since === -1 ? moves.length : since).some((m) => m.why.startsWith('reset:'));
}

/** A work-tree file's text; undefined where it cannot be read. */
function diskText(full: string): string | undefined {
  try {
    return readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file's text at a revision; '' where it has none. */
async function textAt(j: CommitJournal, rev: string, relative: string): Promise<string> {
  const out = await git(['cat-file', 'blob', `${rev}:${relative}`], { cwd: j.root, env: j.env, allowFailure: true });
  return out.code === 0 ? out.stdout : '';
}

/**
 * The entries an amend replaces in this journal file (see amendReplaces): those the
 * amended commit added, and those no commit holds unless git brought them in with
 * other commits' changes (a squash merge, `cherry-pick -n`).
 */
async function amendedEntries(j: CommitJournal, relative: string): Promise<(entry: string) => boolean> {
  const [head, ...parents] = await Promise.all(['HEAD', ...j.parents].map((rev) => textAt(j, rev, relative)));
  const replaces = amendReplaces(head!, parents, !j.carried);
  // An amended revert put back what the reverts before it dropped, with their entries:
  // those are no commit's yet, but no attempt of this one either. Only the entry written
  // for the amended revert itself (named after it) gives way to the amend's.
  const kept = j.kept;
  if (!kept || kept.size === 0) return replaces;
  const own = j.head?.slice(0, 12);
  return (entry) => replaces(entry) && (!kept.has(entry.trimEnd()) || idOf(entry) === own);
}

/** `Name <email>` of the commit's author: git exports it to pre-commit; `git var` otherwise. */
export async function commitAuthor(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GIT_AUTHOR_NAME && env.GIT_AUTHOR_EMAIL) return `${env.GIT_AUTHOR_NAME} <${env.GIT_AUTHOR_EMAIL}>`;
  const ident = await git(['var', 'GIT_AUTHOR_IDENT'], { cwd, env, allowFailure: true });
  return ident.stdout.trim().replace(/\s+\d+\s+[+-]\d{4}$/, '') || 'unknown';
}

/** Where a commit's entry went: its repository-relative path, the write, and the entry's time in seconds. */
export interface CommitEntry {
  path: string;
  written: JournalWriteResult;
  epoch: number;
}

/**
 * Appends (or on an amend, replaces) this commit's journal entry; returns where it
 * went. When the previous pre-commit ran on the same HEAD, that
 * commit never happened (a later hook refused it, or the message was empty): its
 * entry, still staged, is replaced rather than followed by a duplicate.
 */
export async function writeCommitJournal(j: CommitJournal): Promise<CommitEntry> {
  // The author date git exports: the entry's time matches `git log`, in the author's zone
  // (and an amend keeps its entry's time, as it keeps the commit's author date).
  const authored = parseGitDate(j.env.GIT_AUTHOR_DATE);
  const now = authored?.instant ?? j.now;
  const offset = authored?.offsetMinutes ?? -j.now.getTimezoneOffset();
  const record = readLastEntry(j.lastEntryPath);
  const last = j.amend ? undefined : record;
  const retry = last && last.head === (j.head ?? null) ? last : undefined;
  // A retry writes where the first attempt did, even if a week boundary passed in between.
  const relative = retry?.path ?? journalPath(j.template, now, offset);
  const author = await commitAuthor(j.root, j.env);
  const shown = await redactedNames(j.branch, author, j.files);
  const time = formatLocalTime(now, offset);
  // An amend records nothing. Otherwise the new record replaces this one in one rename,
  // never after a gap in which a kill would leave an earlier attempt's entry unrecognised.
  if (j.amend) removeFile(j.lastEntryPath);
  // The journal is appended in place: a linked folder must not carry it out of the repository.
  const full = join(j.root, relative);
  assertStaysInWorkTree(full, j.root);
  const crlf = existsSync(full) ? false : await newJournalFile(j.root, j.env, relative, j.settings);
  // Entries staged in this file that no commit holds (after `reset --soft`, or a commit
  // that died after pre-commit) are replaced by this commit's: its session diff covers theirs.
  // Entries a squash merge or `cherry-pick -n` staged belong to the commits they came from.
  const replace = retry ? [retry, ...(retry.replaces ? [retry.replaces] : [])] : undefined;
  // Entries of commits a mixed reset took back, unstaged, are replaced as well.
  const redone = !retry && !j.amend && !j.carried;
  const unheld = !redone ? undefined : j.changedPaths.includes(relative) ? await unheldEntries(j, relative, diskText(full)) : await resetEntries(j, relative, diskText(full));
  const picks = j.amend ? await amendedEntries(j, relative) : unheld;
  killPoint(j.env, 'journal-read');
  const written = writeJournalEntry(
    full,
    (eol, previousTime, replacing) => {
      // An amended revert stays a revert: its entry keeps what it reverted.
      const reverts = j.amend && replacing ? parseEntries(replacing).find((e) => e.reverts)?.reverts : undefined;
      // A new week's file shows no earlier entry: the one written last (in last week's file) counts.
      const before = previousTime ?? (record && record.path !== relative ? record.time : undefined);
      const since = sincePrevious(time, before);
      return renderEntry(
        {
          time,
          kind: 'commit',
          branch: shown.branch,
          author: shown.author,
          ...(j.goal ? { goal: j.goal } : {}),
          decisions: j.decisions.map((d) => joinReason(d.text, d.reason)),
          deadEnds: j.deadEnds.map((d) => joinReason(d.text, d.reason)),
          ...(j.status ? { status: j.status } : {}),
          files: shown.files,
          ...(since ? { sincePrevious: since } : {}),
          ...(reverts ? { reverts } : {}),
          id: entryId(),
        },
        crlf ? '\r\n' : eol,
      );
    },
    picks,
    relative,
    replace,
    // Recorded before the entry is written, so a kill in between cannot leave an entry
    // the retry would not recognise (see writeJournalEntry): the new entry, and the one it
    // replaces, which stays in the file until the write lands.
    (w, replaced) => {
      const entry: LastEntry = { path: relative, head: j.head ?? null, time, ...w, ...(replaced ? { replaces: { offset: replaced.offset, length: replaced.length, text: replaced.text } } : {}) };
      if (!j.amend) writeStateQuietly(j.lastEntryPath, JSON.stringify(entry));
      killPoint(j.env, 'journal-recorded');
    },
    j.root,
  );
  killPoint(j.env, 'journal-written');
  if (j.amend || (!retry && !j.carried)) await takeOutMovedEntries(j, relative);
  return { path: relative, written, epoch: Math.floor(now.getTime() / 1000) };
}

/**
 * The entries this commit's entry replaces, taken out of the journal files other than
 * its own: an amend that moves its commit into another week (`--date`,
 * `--reset-author`) leaves the amended commit's entries in the old week's file, and
 * commits of last week taken back with `reset --soft` and made again this week leave
 * theirs. Only entries with an id are taken: those are git-session's own, while one
 * without an id may be a person's edit of an old entry. Each file changed is staged in
 * every index this commit touches. Runs after the new entry is written: a failure
 * leaves an entry twice, never none.
 */
async function takeOutMovedEntries(j: CommitJournal, relative: string): Promise<void> {
  const isJournal = journalMatcher(j.template);
  for (const path of j.changedPaths) {
    if (path === relative || !isJournal(path)) continue;
    const full = join(j.root, path);
    const text = diskText(full);
    if (text === undefined) continue;
    const picks = j.amend ? await amendedEntries(j, path) : await unheldEntries(j, path, text);
    if (!picks || !takeOutEntries(j, path, text, picks)) continue;
    await everyIndex(j.env, (env) => git(['add', '--', path], { cwd: j.root, env, allowFailure: true }));
  }
  if (!j.amend) await takeOutResetEntries(j, relative);
}

/**
 * After a mixed reset, the entries of the commits taken back sit unstaged (or in a file
 * git no longer tracks) in their own week's journal file, when that is not this
 * commit's: this commit's entry stands for them (see resetEntries). They are taken out
 * of the work tree only. Nothing of those files is staged: an edit of the person's own
 * stays theirs, unstaged. Asks git for the files only when a reset moved HEAD since the
 * last commit.
 */
async function takeOutResetEntries(j: CommitJournal, relative: string): Promise<void> {
  if (!resetSinceCommit(j.headMoves())) return;
  const isJournal = journalMatcher(j.template);
  const listed = await git(['ls-files', '-z', '--modified', '--others', '--exclude-standard', '--', journalPathspec(j.template)], {
    cwd: j.root,
    env: j.env,
    allowFailure: true,
  });
  if (listed.code !== 0) return;
  for (const path of new Set(listed.stdout.split('\0'))) {
    if (path === '' || path === relative || j.changedPaths.includes(path) || !isJournal(path)) continue;
    const full = join(j.root, path);
    const text = diskText(full);
    if (text === undefined) continue;
    const picks = await resetEntries(j, path, text);
    if (picks) takeOutEntries(j, path, text, picks);
  }
}

/**
 * Takes the entries `picks` names out of a journal file's text in the work tree, only
 * git-session's own (those with an id: one without may be a person's edit of an old
 * entry); a file left empty goes. Whether anything was taken out.
 */
function takeOutEntries(j: CommitJournal, path: string, text: string, picks: (entry: string) => boolean): boolean {
  const left = withoutEntries(text, (entry) => idOf(entry) !== undefined && picks(entry));
  if (left === text) return false;
  const full = join(j.root, path);
  assertStaysInWorkTree(full, j.root);
  if (left === '') removeFile(full);
  else writeFileAtomic(full, left, j.root);
  return true;
}
