import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../context.js';
import { promptModeOf, type Config } from '../core/config.js';
import type { CommitFacts, OwnedEdits, StagedSession } from '../core/pipeline/commit-plan.js';
import type { Committer } from '../core/pipeline/policy/stale-action.js';
import { commonChanges, parseNumstat } from '../core/pipeline/numstat.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { GIT_SETTINGS_PATTERN, parseGitSettings, PREFLIGHT_FLAG, type GitSettings, type Preflight } from '../core/pipeline/preflight.js';
import { skipReason } from '../core/pipeline/skip.js';
import { assessStaleness } from '../core/pipeline/staleness.js';
import type { SecretFindings } from '../core/pipeline/policy/secrets.js';
import { addedKinds } from '../core/pipeline/session-diff.js';
import { sessionSecretKinds } from '../core/redact/index.js';
import type { JournalFile } from '../core/journal/entry.js';
import { detectAssistant } from '../core/pipeline/agent.js';
import { findGitProcess, isAmending, readCommitState, reusedMessage, type CommitState } from './commit-state.js';
import { loadConfig } from './config.js';
import { git } from './git.js';
import { commitsSince, headIsRevert, lastChange } from './git-facts.js';
import { preflightState, readPreflight } from './preflight-input.js';
import { ConflictedSession, sessionDelta, summaryFor, type Where } from './session-data.js';

/** Where and what the commit is, read once at the start of pre-commit; the apply step needs it too. */
export interface CommitSetting {
  /** The work tree's top level. */
  root: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  sessionFile: string;
  state: CommitState;
  amend: boolean;
  /** The commit whose message this one reuses (`-C`, `-c`), as typed; its trailers of ours are planned again. */
  reuse?: string;
  /** The hook script piped git's answers in: sh stages the journal entry afterwards. */
  piped: boolean;
  /** What it piped: HEAD's top-level files and the staged changes, read again for the next commit's shortcut. */
  preflight?: Preflight;
  /** What the staged tree is compared with: HEAD, or on an amend HEAD's parent (or the empty tree). */
  base: string;
  /** The base's session file blob, undefined where it has none. */
  baseBlob: string | undefined;
  /** On an amend, the amended commit's parents; for a merge `git commit` concludes, HEAD and the merged commits; [] otherwise. */
  parents: string[];
  /** A merge's (or an amended merge's) session file blobs in its other parents: what they brought is not the merge's own. */
  mergedBlobs: (string | undefined)[];
  where: Where;
  isJournal: (path: string) => boolean;
  /** The staged files with line counts (the journal included). */
  files: JournalFile[];
  /** How a new journal file and the message are written (see GitSettings), when the hook script asked git already. */
  gitSettings?: GitSettings;
  /**
   * HEAD is a revert, which may have dropped journal entries this commit puts back. On
   * an amend, HEAD is the revert being amended: it puts them back itself, and its own
   * entry takes the place of the revert entry written with them.
   */
  headReverts: boolean;
}

function isCI(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

/** An assistant, CI, or (until a terminal fails to open) a person. */
export function committerOf(env: NodeJS.ProcessEnv): Committer {
  const assistant = detectAssistant(env);
  if (assistant) return { kind: 'assistant', name: assistant };
  return isCI(env) ? { kind: 'unattended' } : { kind: 'person' };
}

/** The object id `rev` names (`:SESSION.md` is the staged blob), or undefined when it names none. */
export async function objectId(cwd: string, env: NodeJS.ProcessEnv, rev: string): Promise<string | undefined> {
  const out = await git(['rev-parse', '-q', '--verify', rev], { cwd, env, allowFailure: true });
  return out.code === 0 ? out.stdout.trim() : undefined;
}

/** The parents of the commit an amend replaces (none for a root commit). */
async function amendedParents(cwd: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await git(['rev-parse', 'HEAD^@'], { cwd, env, allowFailure: true });
  return out.code === 0 ? out.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

/**
 * The staged files with line counts, against HEAD, or on an amend against the amended
 * commit's parent; for an amended merge, only what differs from every parent.
 */
async function stagedFiles(cwd: string, env: NodeJS.ProcessEnv, amend: boolean, base: string, merged: readonly string[]): Promise<JournalFile[]> {
  const against = async (rev: string | undefined) =>
    parseNumstat((await git(['diff', '--cached', '--numstat', '-z', ...(rev ? [rev] : [])], { cwd, env })).stdout);
  if (!amend) return against(undefined);
  return commonChanges(await Promise.all([base, ...merged].map(against)));
}

/** The parents of the merge `git commit` concludes: HEAD and what MERGE_HEAD names (several for an octopus). */
function mergeParents(state: CommitState): string[] {
  let merged: string[] = [];
  try {
    merged = readFileSync(join(state.gitDir, 'MERGE_HEAD'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  } catch {
    // Gone since the markers were read: a plain commit.
  }
  const head = state.revs.HEAD;
  return head && merged.length > 0 ? [head, ...merged] : [];
}

async function amendBase(cwd: string, env: NodeJS.ProcessEnv, parent: string | undefined): Promise<string> {
  if (parent) return parent;
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { cwd, env, input: '' })).stdout.trim();
}

/**
 * Reads where the commit happens: settings, layout, amend or not, and what is staged.
 * The hook script's piped text answers most of it without a git call from node.
 * Undefined when the pipeline stays out of this commit (opt-outs, merges, picks).
 */
export async function readCommitSetting(args: string[], ctx: CommandContext): Promise<CommitSetting | undefined> {
  const env = ctx.env;
  // Git runs hooks at the top of the work tree: settings first, then one git call can
  // resolve the staged session file too.
  let config = loadConfig(ctx.cwd);
  const gitProcess = findGitProcess();
  const amend = isAmending(gitProcess);
  // Never an option: git would have refused it as the commit to reuse.
  const reuse = reusedMessage(gitProcess)?.replace(/^-.*/s, '') || undefined;
  const staged = `:${normalisePath(config.sessionFile)}`;
  const parent = amend ? 'HEAD^' : 'HEAD';
  const baseFile = `${parent}:${normalisePath(config.sessionFile)}`;
  // Only a line that says so is read: a hook manager may hand over a stdin that never ends.
  const pipedText = amend || !args.includes(PREFLIGHT_FLAG) ? undefined : readPreflight();
  // Asked beside the other calls only when the pipe did not say: most commits never wait for it.
  const askedParents = amend ? amendedParents(ctx.cwd, env) : Promise.resolve([]);
  const askedRevert = pipedText?.headReverts !== undefined ? undefined : headIsRevert({ cwd: ctx.cwd, env }).catch(() => false);
  const state: CommitState =
    (pipedText && preflightState(pipedText, normalisePath(config.sessionFile))) ??
    (await readCommitState(ctx.cwd, env, ['HEAD', staged, ...(amend ? [parent, `HEAD:${normalisePath(config.sessionFile)}`] : []), baseFile]));
  // pre-commit runs only for a commit someone asked for: at a rebase's edit stop that is
  // the amend of the stopped commit, which records like any other. A merge concluded
  // with `git commit` records what is its own, as an amended merge does.
  if (skipReason(env, { ...state.markers, rebase: false, merge: false })) return undefined;
  const merging = !amend && state.markers.merge;

  const root = state.root;
  if (root !== ctx.cwd) config = loadConfig(root);
  const sessionFile = normalisePath(config.sessionFile);
  // A session file named differently in the settings at the top: resolve it again.
  const moved = `:${sessionFile}` !== staged;
  if (moved) {
    state.revs[`:${sessionFile}`] = await objectId(root, env, `:${sessionFile}`);
    // The piped mode was another file's.
    delete state.sessionMode;
  }
  const baseBlob = moved ? await objectId(root, env, `${parent}:${sessionFile}`) : state.revs[baseFile];
  const base = amend ? await amendBase(root, env, state.revs[parent]) : 'HEAD';
  const parents = merging ? mergeParents(state) : await askedParents;
  const mergedParents = parents.slice(1);
  const mergedBlobs = await Promise.all(mergedParents.map((p) => objectId(root, env, `${p}:${sessionFile}`)));
  const files = pipedText && !merging ? parseNumstat(pipedText.numstat) : await stagedFiles(root, env, amend || merging, base, mergedParents);
  return {
    root,
    env,
    config,
    sessionFile,
    state,
    amend,
    ...(reuse !== undefined ? { reuse } : {}),
    piped: pipedText !== undefined,
    ...(pipedText && !moved ? { preflight: pipedText } : {}),
    base,
    baseBlob,
    parents,
    mergedBlobs,
    where: { cwd: root, env, sessionFile, cachePath: state.cachePath },
    isJournal: journalMatcher(config.journal.path),
    files,
    ...(pipedText?.gitSettings ? { gitSettings: pipedText.gitSettings } : {}),
    headReverts: pipedText?.headReverts ?? (await askedRevert) ?? false,
  };
}

/** The settings that change what the hooks write: from the hook script's pipe, else asked now. */
export async function gitSettingsOf(s: CommitSetting): Promise<GitSettings> {
  s.gitSettings ??= parseGitSettings((await git(['config', '--get-regexp', GIT_SETTINGS_PATTERN], { cwd: s.root, env: s.env, allowFailure: true })).stdout);
  return s.gitSettings;
}

/** The staged files again, after the hook staged something (owned edits, the menu). */
export async function restagedFiles(s: CommitSetting): Promise<JournalFile[]> {
  return stagedFiles(s.root, s.env, s.amend || s.parents.length > 1, s.base, s.parents.slice(1));
}

/**
 * The secrets in a session file's raw text, and those its base did not hold. Only when
 * the commit changes the file: one it leaves as it was puts nothing new into history,
 * and is not scanned on every commit (a readable file's are known from its cached summary).
 */
async function rawSecrets(s: CommitSetting, blob: string, updated: boolean): Promise<SecretFindings> {
  if (!updated) return { kinds: [], newKinds: [] };
  const kindsIn = async (id: string | undefined) => (id ? sessionSecretKinds((await git(['cat-file', 'blob', id], { cwd: s.root, env: s.env })).stdout) : []);
  const [kinds, base] = await Promise.all([kindsIn(blob), kindsIn(s.baseBlob)]);
  return { kinds, newKinds: addedKinds(base, kinds) };
}

/** The session file in the parents of the commit that holds the base: read only when the base cannot be. */
async function versionsBefore(s: CommitSetting): Promise<(string | undefined)[]> {
  const listed = await git(['rev-parse', `${s.amend ? 'HEAD^' : 'HEAD'}^@`], { cwd: s.root, env: s.env, allowFailure: true });
  const parents = listed.code === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
  return Promise.all(parents.map((p) => objectId(s.root, s.env, `${p}:${s.sessionFile}`)));
}

async function readSession(s: CommitSetting, blob: string | undefined, updated: boolean): Promise<StagedSession> {
  if (!blob) return { kind: 'absent' };
  try {
    if (!updated) return { kind: 'read', summary: await summaryFor(s.where, blob) };
    const delta = await sessionDelta(s.where, blob, s.baseBlob, s.mergedBlobs, () => versionsBefore(s));
    return { kind: 'read', summary: delta.summary, change: delta };
  } catch (error) {
    if (error instanceof ConflictedSession) return { kind: 'conflicted', lines: error.lines };
    // A session file the parser refuses (bad front matter, over the size limit) must not
    // stop the commit, but it is committed all the same: its raw text is checked for secrets.
    return { kind: 'unreadable', problem: (error as Error).message.split('\n')[0]!, secrets: await rawSecrets(s, blob, updated) };
  }
}

/** Everything planCommit needs; undefined when nothing but the journal is staged (git then says "nothing to commit"). */
export async function gatherCommitFacts(s: CommitSetting, committer: Committer, owned: OwnedEdits): Promise<CommitFacts | undefined> {
  const { files, sessionFile, isJournal, config } = s;
  if (!s.amend && !files.some((f) => !isJournal(f.path))) return undefined;
  const blob = s.state.revs[`:${sessionFile}`];
  const updated = files.some((f) => normalisePath(f.path) === sessionFile);
  const session = await readSession(s, blob, updated);
  const keyFiles = session.kind === 'read' && !updated ? session.summary.keyFiles : [];
  const assessed = assessStaleness({ files, sessionFile, isJournal, keyFiles, threshold: config.prompt.threshold });
  // A merge being concluded is never asked for an update: it joins work recorded on each
  // side, and a hand resolution is no reason to hold it (in strict mode) or to prompt.
  const staleness = !s.amend && s.parents.length > 1 ? { ...assessed, stale: false } : assessed;
  const mode = promptModeOf(s.env, config.prompt.mode);
  const wantsNote = committer.kind === 'assistant' && staleness.stale && mode !== 'off' && blob !== undefined;
  // The message this commit starts from, when it is another's: the trailers woven for that commit's items are the ones to plan again.
  const amended = s.reuse !== undefined ? await sessionAt(s, s.reuse) : s.amend ? await sessionAt(s, 'HEAD') : undefined;
  const since = wantsNote ? await commitsSince((await lastChange(sessionFile, { cwd: s.root, env: s.env }))?.hash ?? null, { cwd: s.root, env: s.env }) : undefined;
  return {
    sessionFile,
    mode,
    amend: s.amend,
    ...(s.reuse !== undefined ? { reusesMessage: true } : {}),
    ...(s.parents.length > 1 ? { merge: true } : {}),
    committer,
    staleness,
    ...(since !== undefined ? { commitsSince: since } : {}),
    session,
    owned,
    ...(config.journal.enabled ? { journalFiles: files.filter((f) => !isJournal(f.path)) } : {}),
    trailers: config.trailers,
    ...(amended ? { amended } : {}),
  };
}

/** A commit's session file (the amended one's, or the one whose message is reused), read for the trailers woven for it (see CommitFacts.amended); undefined when unreadable. */
export async function sessionAt(s: CommitSetting, rev: string): Promise<CommitFacts['amended']> {
  // The commit first: a revision such as `:/text` would take `:<file>` into its search.
  const commit = rev === 'HEAD' ? rev : await objectId(s.root, s.env, `${rev}^{commit}`);
  if (!commit) return undefined;
  const key = `${commit}:${s.sessionFile}`;
  const blob = key in s.state.revs ? s.state.revs[key] : await objectId(s.root, s.env, key);
  if (!blob) return { goal: null, decisions: [], deadEnds: [] };
  try {
    return await summaryFor(s.where, blob);
  } catch {
    return undefined;
  }
}


