import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedLines, appendOwnedEdit, editsSince, stillThere, type OwnedEdit } from '../core/pipeline/owned-lines.js';
import type { OwnedEdits } from '../core/pipeline/commit-plan.js';
import { removeFile } from './fs.js';
import { git } from './git.js';
import { everyIndex, laterIndex } from './index-file.js';
import { indexEntry, type IndexEntry } from './index-entry.js';
import { readState, statePath, writeStateQuietly } from './state-dir.js';
import { cachedText, cleanFormsOf, isBlobOf } from './session-text.js';

/**
 * The tool owns the lines it splices into the session file: `decide` (or the menu, or
 * an MCP call) followed by `git add src/x.ts && git commit` must still put the
 * decision into that commit. Each command's edit is kept as a before/after pair
 * until a commit stages it; the person's own unstaged edits are never staged.
 */
interface OwnedRecord {
  file: string;
  edits: OwnedEdit[];
}

/**
 * The record's text as this process last read it: a commit forgets what it saw, not
 * what a command recorded while it ran.
 */
let lastRead: { path: string; raw: string | undefined } | undefined;

/** The record; undefined when there is none, 'unreadable' when the file is damaged. */
function readRecord(stateDir: string): OwnedRecord | 'unreadable' | undefined {
  const path = statePath(stateDir, 'ownedEdits');
  const raw = readState(path);
  lastRead = { path, raw };
  return parseRecord(raw);
}

function parseRecord(raw: string | undefined): OwnedRecord | 'unreadable' | undefined {
  if (raw === undefined) return undefined;
  try {
    const r = JSON.parse(raw) as OwnedRecord;
    const valid = typeof r.file === 'string' && Array.isArray(r.edits) && r.edits.every((e) => typeof e?.before === 'string' && typeof e?.after === 'string');
    return valid ? r : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Remembers an edit a command made to the session file `file` (repository-relative).
 * Returns the text the commands since the last commit started from.
 */
export function recordOwnedEdit(stateDir: string, file: string, before: string, after: string): string {
  const read = readRecord(stateDir);
  const old = read === 'unreadable' ? undefined : read;
  const edits = appendOwnedEdit(old?.file === file ? old.edits : [], { before, after });
  const path = statePath(stateDir, 'ownedEdits');
  const raw = JSON.stringify({ file, edits });
  // What this process wrote it has seen (the commit's menu records through here too).
  if (writeStateQuietly(path, raw)) lastRead = { path, raw };
  return edits[0]?.before ?? before;
}

/** `git merge-file -p`: `ours` with the change from `base` to `theirs`; undefined on a conflict. */
async function mergeText(cwd: string, env: NodeJS.ProcessEnv, stateDir: string, ours: string, base: string, theirs: string): Promise<string | undefined> {
  mkdirSync(stateDir, { recursive: true });
  const dir = mkdtempSync(join(stateDir, 'merge-'));
  try {
    const paths = ['ours', 'base', 'theirs'].map((n) => join(dir, n));
    [ours, base, theirs].forEach((text, i) => writeFileSync(paths[i]!, text));
    const r = await git(['merge-file', '-p', '--quiet', ...paths], { cwd, env, allowFailure: true });
    return r.code === 0 ? r.stdout : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What staging the owned edits did, and the session file's staged blob when it changed. */
export interface OwnedStaging extends OwnedEdits {
  blob?: string;
}

/**
 * The text the first recorded edit started from, when that is what is staged: the
 * usual case (a command on a session file nobody had touched since the last commit),
 * known without starting git. Tried as written and in LF form (the index's under autocrlf).
 */
function startingText(edits: readonly OwnedEdit[], stagedBlob: string): string | undefined {
  const before = edits[0]?.before;
  if (before === undefined) return undefined;
  return [before, before.replace(/\r\n/g, '\n')].find((text) => isBlobOf(text, stagedBlob));
}

/**
 * An edit as git would stage it onto `staged`, when `staged` is exactly what it started
 * from in one of the forms git stages: as written, in LF form (autocrlf), or as the
 * private filter stages it (kept by the command that wrote it, see primeSummaryCache).
 * Undefined when something else changed in between: then git merges.
 */
function stagedResult(edit: OwnedEdit, staged: string, cleanForm: () => (text: string) => string | undefined): string | undefined {
  if (staged === edit.before) return edit.after;
  const lf = (t: string) => t.replace(/\r\n/g, '\n');
  if (staged === lf(edit.before)) return lf(edit.after);
  if (cleanForm()(edit.before) !== staged) return undefined;
  return cleanForm()(edit.after);
}

/**
 * Stages the lines git-session's commands spliced into the session file and the
 * commit does not hold yet, into every index this commit is made from. Returns how
 * many edits were staged, and how many could not be (they overlap the person's own
 * unstaged edits). The record stays until the commit goes ahead (forgetOwnedEdits): a
 * refused commit puts the index back, and the next attempt stages the lines again.
 */
export async function stageOwnedEdits(
  root: string,
  env: NodeJS.ProcessEnv,
  stateDir: string,
  file: string,
  stagedBlob?: string,
  stagedMode?: string,
): Promise<OwnedStaging> {
  const none = { staged: 0, notStaged: 0 };
  const record = readRecord(stateDir);
  if (record === 'unreadable') {
    forgetOwnedEdits(stateDir);
    return { ...none, unreadable: true };
  }
  if (!record) return none;
  if (record.file !== file) {
    forgetOwnedEdits(stateDir);
    return none;
  }
  let worktree: string;
  try {
    worktree = readFileSync(join(root, file), 'utf8');
  } catch {
    return none;
  }
  // The staged text is usually known without git: the command that wrote the file kept
  // it under its blob id (see primeSummaryCache), or the first edit started from it, and
  // the hook knows the staged id.
  const cachePath = statePath(stateDir, 'cache');
  const known = stagedBlob ? (cachedText(cachePath, stagedBlob) ?? startingText(record.edits, stagedBlob)) : undefined;
  if (known !== undefined && record.edits.every((e) => stillThere(addedLines(e.before, e.after), known))) return none;
  // The index entry: from the hook script's queries when they said it, else from git.
  const indexed = stagedBlob !== undefined && stagedMode !== undefined ? { mode: stagedMode, blob: stagedBlob } : await indexEntry(root, env, file);
  // Mid-conflict: the person resolves the file first.
  if (indexed === 'unmerged') return none;
  if (indexed === undefined) return addUntracked(root, env, stateDir, file, record.edits, worktree);
  const staged = known !== undefined && indexed.blob === stagedBlob ? known : (await git(['cat-file', 'blob', indexed.blob], { cwd: root, env })).stdout;
  // Everything recorded is staged already (a `git add`, or the private filter staging the
  // file without its private bodies, so that the texts differ): nothing to merge.
  if (staged === worktree) return none;
  const merged = await mergeOwned(root, env, stateDir, record.edits, staged, worktree);
  if (!merged) return none;
  let blob: string | undefined;
  if (merged.text !== staged) {
    blob = await writeBlob(root, env, merged.text);
    await git(['update-index', '--cacheinfo', `${indexed.mode},${blob},${file}`], { cwd: root, env });
    await stageIntoLaterIndex(root, env, stateDir, file, record.edits, worktree, indexed, blob, merged.counts.notStaged);
  }
  return { ...merged.counts, ...(blob ? { blob } : {}) };
}

async function writeBlob(root: string, env: NodeJS.ProcessEnv, text: string): Promise<string> {
  return (await git(['hash-object', '-w', '--stdin', '--no-filters'], { cwd: root, env, input: text })).stdout.trim();
}

/**
 * `git commit <paths>` commits a temporary index made from HEAD, and then installs the
 * real index with those paths updated: the lines go into both, each onto its own
 * version of the file, so that what the person staged by hand stays staged after the
 * commit.
 */
async function stageIntoLaterIndex(
  root: string,
  env: NodeJS.ProcessEnv,
  stateDir: string,
  file: string,
  edits: readonly OwnedEdit[],
  worktree: string,
  committed: IndexEntry,
  blob: string,
  notStaged: number,
): Promise<void> {
  const later = laterIndex(env);
  if (!later) return;
  const entry = await indexEntry(root, later, file);
  // Taken out of the index by hand (`git rm --cached`), or mid-conflict: the person's to settle.
  if (entry === undefined || entry === 'unmerged') return;
  if (entry.blob === committed.blob) {
    await git(['update-index', '--cacheinfo', `${committed.mode},${blob},${file}`], { cwd: root, env: later });
    return;
  }
  const text = (await git(['cat-file', 'blob', entry.blob], { cwd: root, env })).stdout;
  const merged = await mergeOwned(root, env, stateDir, edits, text, worktree);
  if (merged && merged.counts.notStaged > notStaged) {
    // A line the commit holds that the person's version cannot take (they overlap): that
    // index gets the commit's text, or the next commit would take the line out of
    // history again. What the person had staged is still in the work tree.
    await git(['update-index', '--cacheinfo', `${committed.mode},${blob},${file}`], { cwd: root, env: later });
  } else if (merged && merged.text !== text) {
    await git(['update-index', '--cacheinfo', `${entry.mode},${await writeBlob(root, env, merged.text)},${file}`], { cwd: root, env: later });
  }
}

/**
 * Forgets the recorded edits this process read: the commit that holds them (or says
 * why not) goes ahead. What a command recorded since (a `decide` while the commit ran)
 * is kept for the next commit: the edits appended, and the part that extended the last
 * one read. Run under the session lock, which the commands take to record.
 */
export function forgetOwnedEdits(stateDir: string): void {
  const path = statePath(stateDir, 'ownedEdits');
  const now = readState(path);
  if (now === undefined) return;
  const seen = lastRead?.path === path ? lastRead.raw : undefined;
  lastRead = undefined;
  if (now === seen) {
    removeFile(path);
    return;
  }
  const [before, after] = [parseRecord(seen), parseRecord(now)];
  // Recorded after this process looked (it saw none), or written anew: all of it is another command's.
  if (typeof before !== 'object' || typeof after !== 'object' || before.file !== after.file) return;
  const since = editsSince(before.edits, after.edits);
  if (since === undefined) return;
  if (since.length === 0) removeFile(path);
  else writeStateQuietly(path, JSON.stringify({ file: after.file, edits: since }));
}

interface Merged {
  text: string;
  counts: OwnedEdits;
}

/** The recorded edits not yet in `staged`, merged onto it; undefined when none is pending. */
async function mergeOwned(root: string, env: NodeJS.ProcessEnv, stateDir: string, edits: readonly OwnedEdit[], staged: string, worktree: string): Promise<Merged | undefined> {
  const pending = edits.filter((e) => !stillThere(addedLines(e.before, e.after), staged));
  if (pending.length === 0) return undefined;
  // The index holds LF text when the work tree has CRLF (autocrlf): merge in the index's form.
  const lf = !staged.includes('\r\n');
  const form = (t: string) => (lf ? t.replace(/\r\n/g, '\n') : t);
  // Read only when an edit needs it, and then once.
  let forms: ((text: string) => string | undefined) | undefined;
  const cleanForm = () => (forms ??= cleanFormsOf(statePath(stateDir, 'cache')));
  let text = staged;
  let staging = 0;
  let notStaged = 0;
  let absent = 0;
  for (const edit of pending) {
    if (!stillThere(addedLines(edit.before, edit.after), worktree)) {
      absent++;
      continue;
    }
    // Where the text is still what the edit started from, the merge is the edit's result:
    // git merge-file is started only when something else changed in between.
    const merged = stagedResult(edit, text, cleanForm) ?? (await mergeText(root, env, stateDir, text, form(edit.before), form(edit.after)));
    if (merged === undefined) notStaged++;
    else if (merged !== text) {
      text = merged;
      staging++;
    }
  }
  return { text, counts: { staged: staging, notStaged, ...(absent > 0 ? { absent } : {}) } };
}

/**
 * A session file the commands wrote to before it was ever staged (`init` made it, and
 * nobody ran `git add` yet): it goes in as the first recorded command found it plus
 * the lines the commands wrote, through the file's filters as `git add` would; the
 * person's edits after that stay unstaged. An ignored file, or one this commit deletes
 * (`git rm --cached`), is the person's choice to keep out, and stays out.
 */
async function addUntracked(root: string, env: NodeJS.ProcessEnv, stateDir: string, file: string, edits: readonly OwnedEdit[], worktree: string): Promise<OwnedStaging> {
  const none = { staged: 0, notStaged: 0 };
  const start = edits[0]?.before;
  if (start === undefined) return none;
  const opts = { cwd: root, env, allowFailure: true };
  const [ignored, inHead] = await Promise.all([git(['check-ignore', '-q', '--', file], opts), git(['cat-file', '-e', `HEAD:${file}`], opts)]);
  if (ignored.code === 0 || inHead.code === 0) return none;
  const merged = await mergeOwned(root, env, stateDir, edits, start, worktree);
  // Nothing of the commands' left to add (taken out, stashed): the file stays as it is.
  if (!merged || merged.counts.staged === 0) return merged?.counts ?? none;
  const blob = (await git(['hash-object', '-w', '--stdin', `--path=${file}`], { cwd: root, env, input: merged.text })).stdout.trim();
  await everyIndex(env, (e) => git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { cwd: root, env: e }));
  return { ...merged.counts, added: true, blob };
}

/**
 * Whether `staged` (the session file as the next commit will stage it) holds every line
 * the commands recorded: then that commit stages nothing of its own and says nothing
 * about them (see stageOwnedEdits), which the commit shortcut relies on.
 */
export function ownedEditsHeldBy(stateDir: string, file: string, staged: string): boolean {
  const record = parseRecord(readState(statePath(stateDir, 'ownedEdits')));
  if (record === undefined) return true;
  return record !== 'unreadable' && record.file === file && record.edits.every((e) => stillThere(addedLines(e.before, e.after), staged));
}
