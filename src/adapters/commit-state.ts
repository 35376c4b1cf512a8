import { existsSync, readFileSync, statSync } from 'node:fs';
import { stateDirOf, statePath, writeStateQuietly } from './state-dir.js';
import { join } from 'node:path';
import type { BulletAnchor } from '../core/pipeline/bullet-anchors.js';
import { findEntry, findSummary, parseCache, renderCache, withEntry, type CacheEntry } from '../core/pipeline/summary-cache.js';
import type { SessionSummary } from '../core/pipeline/session-summary.js';
import type { CommitMarkers } from '../core/pipeline/skip.js';
import { findGitAncestor, gitArgv, isAmendArgv, isGitArgv, parsePsTable, reusedMessageArgv, type Proc } from '../core/pipeline/amend.js';
import { childProcess } from './builtins.js';
import { blobIds, storeTexts, type KeptText } from './session-text.js';
import { BUILD_KEY } from './build-key.js';
import { git } from './git.js';

/** Where the commit being made lives, read once at the start of a hook. */
export interface CommitState {
  /** The work tree's top level. */
  root: string;
  /** This work tree's git dir (a linked worktree has its own). */
  gitDir: string;
  /** `git-session/` under the git dir: the trailers hand-off, the parse cache, the last journal entry. */
  stateDir: string;
  cachePath: string;
  lastEntryPath: string;
  /** Branch name, or `detached` when HEAD names a commit. */
  branch: string;
  markers: CommitMarkers;
  /** Object ids of the revisions asked for (`HEAD`, `:SESSION.md`, `HEAD:SESSION.md`…); undefined where one does not resolve. */
  revs: Record<string, string | undefined>;
  /** The session file's mode in the index, when the hook script's queries said it. */
  sessionMode?: string;
}

const LAYOUT = ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-path', 'git-session'];

/**
 * Reads the repository layout and resolves `revs` with one git call: every git call is
 * a few ms on each commit. When one of them does not resolve (an unborn HEAD, a session
 * file not yet committed) rev-parse fails as a whole, and `cat-file --batch-check`
 * resolves them instead, naming the missing ones.
 */
export async function readCommitState(cwd: string, env: NodeJS.ProcessEnv, revs: readonly string[] = []): Promise<CommitState> {
  let out = await git([...LAYOUT, ...revs], { cwd, env, allowFailure: revs.length > 0 });
  const resolved: Record<string, string | undefined> = {};
  let lines = out.stdout.split('\n');
  if (out.code === 0) {
    revs.forEach((rev, i) => (resolved[rev] = lines[3 + i]?.trim() || undefined));
  } else {
    out = await git(LAYOUT, { cwd, env });
    lines = out.stdout.split('\n');
    const check = await git(['cat-file', '--batch-check=%(objectname)'], { cwd, env, input: revs.join('\n') + '\n' });
    const ids = check.stdout.split('\n');
    revs.forEach((rev, i) => (resolved[rev] = /^[0-9a-f]{40,64}$/.test(ids[i] ?? '') ? ids[i] : undefined));
  }
  const [root = cwd, gitDir = join(cwd, '.git'), stateDir = join(gitDir, 'git-session')] = lines;
  return commitStateAt(root, gitDir, stateDir, resolved);
}

/**
 * The branch a rebase is rewriting: git detaches HEAD while it runs, and the commits
 * made at an edit stop or by an exec line belong to that branch.
 */
function rebasedBranch(gitDir: string): string | undefined {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    try {
      const name = /^refs\/heads\/(.+)$/.exec(readFileSync(join(gitDir, dir, 'head-name'), 'utf8').trim());
      if (name) return name[1];
    } catch {
      // No rebase of this kind, or of a detached HEAD.
    }
  }
  return undefined;
}

/**
 * The commit state for a known layout, without asking git: prepare-commit-msg and
 * commit-msg find the git dir from their message file (`COMMIT_EDITMSG` sits in it)
 * and run at the top of the work tree.
 */
export function commitStateAt(
  root: string,
  gitDir: string,
  stateDir: string = join(gitDir, 'git-session'),
  revs: Record<string, string | undefined> = {},
): CommitState {
  let branch = 'detached';
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref: refs\/heads\/(.+)$/.exec(head);
    if (ref) branch = ref[1]!;
    else branch = rebasedBranch(gitDir) ?? branch;
  } catch {
    // An unreadable HEAD only costs the branch name in the journal.
  }
  return {
    root,
    gitDir,
    stateDir,
    cachePath: statePath(stateDir, 'cache'),
    lastEntryPath: statePath(stateDir, 'lastEntry'),
    branch,
    markers: {
      rebase: existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply')),
      cherryPick: existsSync(join(gitDir, 'CHERRY_PICK_HEAD')),
      revert: existsSync(join(gitDir, 'REVERT_HEAD')),
      merge: existsSync(join(gitDir, 'MERGE_HEAD')),
      // The stopped pick is REBASE_HEAD, and its message waits in MERGE_MSG until a commit
      // concludes it (at a `break` there is neither; `cherry-pick -n` there writes MERGE_MSG only).
      concludesPick:
        existsSync(join(gitDir, 'rebase-merge')) &&
        !existsSync(join(gitDir, 'rebase-merge', 'amend')) &&
        existsSync(join(gitDir, 'REBASE_HEAD')) &&
        existsSync(join(gitDir, 'MERGE_MSG')),
      carried: existsSync(join(gitDir, 'SQUASH_MSG')) || existsSync(join(gitDir, 'MERGE_MSG')),
      folds: (statSync(join(gitDir, 'rebase-merge', 'current-fixups'), { throwIfNoEntry: false })?.size ?? 0) > 0,
    },
    revs,
  };
}

/** The cache file last read (or written) in this process, and the file state it was read at. */
let loaded: { path: string; stamp: string; entries: CacheEntry[] } | undefined;

/** Size, inode and mtime: a write (temp file and rename) by any process changes it. */
function stampOf(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/** The cache's entries, parsed once for as long as the file does not change; a missing or corrupt cache has none. */
function cacheEntries(cachePath: string): CacheEntry[] {
  const stamp = stampOf(cachePath);
  if (stamp === undefined) return [];
  if (loaded?.path === cachePath && loaded.stamp === stamp) return loaded.entries;
  let entries: CacheEntry[] = [];
  try {
    entries = parseCache(readFileSync(cachePath, 'utf8'), BUILD_KEY);
  } catch {
    // Unreadable: no entries.
  }
  loaded = { path: cachePath, stamp, entries };
  return entries;
}

/** The cached summary of the session file blob `id`, if any; a missing or corrupt cache has none. */
export function cachedSummary(cachePath: string, id: string): SessionSummary | undefined {
  return findSummary(cacheEntries(cachePath), id);
}

/** The cache entry (summary and anchors) of the session file blob `id`, if any. */
export function cachedEntry(cachePath: string, id: string): CacheEntry | undefined {
  return findEntry(cacheEntries(cachePath), id);
}

/**
 * Stores a summary, and the anchors for hand-typed bullets, under its blob ids (temp
 * file and rename); a failure only costs speed next time.
 */
export function storeSummary(cachePath: string, ids: string[], summary: SessionSummary, anchors: BulletAnchor[] = [], keep: readonly string[] = []): void {
  const entries = withEntry(cacheEntries(cachePath), { ids, summary, anchors }, keep);
  if (!writeStateQuietly(cachePath, renderCache(entries, BUILD_KEY))) return;
  // Not parsed back from the text just written: that took ~10 ms for a 30 KB session file's cache.
  const stamp = stampOf(cachePath);
  if (stamp !== undefined) loaded = { path: cachePath, stamp, entries };
}

/**
 * The blob ids the cache keeps for a text the commands started from: as written, in
 * the index's LF form (autocrlf), and as the private filter stages each.
 */
function keptFor(startedFrom: string | undefined, clean: (text: string) => string): string[] {
  if (startedFrom === undefined) return [];
  try {
    const forms = new Set([startedFrom, startedFrom.replace(/\r\n/g, '\n')]);
    for (const form of [...forms]) forms.add(clean(form));
    return [...forms].flatMap(blobIds);
  } catch {
    return [];
  }
}

/**
 * Parses, redacts and caches the session file text a command just wrote, so that the
 * next commit finds its summary (and HEAD's) without loading the markdown parser or
 * the secret scanner. `startedFrom` is the text the commands since the last commit
 * started from (usually HEAD's): its entry is kept, as the next commit's base. Never
 * throws: a text the parser refuses is simply not cached.
 */
export async function primeSummaryCache(gitDir: string, text: string, file: string, startedFrom?: string): Promise<void> {
  try {
    const { summarizeWithAnchors } = await import('../core/pipeline/session-summary.js');
    const { summary, anchors } = await summarizeWithAnchors(text, file);
    const cachePath = statePath(stateDirOf(gitDir), 'cache');
    // With the private filter, what git stages is the text without private bodies:
    // its blob is the one the next commit looks up, and the base it diffs against.
    const { cleanPrivate } = await import('../core/session/private-filter.js');
    const keep = keptFor(startedFrom, (t) => cleanPrivate(t).text);
    storeSummary(cachePath, blobIds(text), summary, anchors, keep);
    const staged = cleanPrivate(text).text;
    await keepFilterAnswer(gitDir, file, text);
    const texts: KeptText[] = [{ ids: blobIds(text), text }];
    if (staged !== text) {
      const again = await summarizeWithAnchors(staged, file);
      storeSummary(cachePath, blobIds(staged), again.summary, again.anchors, keep);
      texts.unshift({ ids: blobIds(staged), text: staged, cleanOf: texts[0]!.ids });
    }
    // The text the commands started from as git staged it: the hook stages their lines
    // onto it without asking git for it, nor loading the parser for the filter's form.
    if (startedFrom !== undefined) {
      const base = cleanPrivate(startedFrom).text;
      texts.push({ ids: blobIds(base), text: base, ...(base !== startedFrom ? { cleanOf: blobIds(startedFrom) } : {}) });
    }
    storeTexts(cachePath, texts);
    // The commit that stages this text, planned now for the hook script (a failure leaves the binary to plan it).
    const { leaveStagedShortcut } = await import('./staged-shortcut.js');
    await leaveStagedShortcut(gitDir, file, text, staged);
  } catch {
    // The commit parses it instead.
  }
}

/**
 * What the private filter makes of a text a command wrote, kept for the filter's shell
 * (see keepCleaned): the commit's first look at the file (git cleans it to compare)
 * then starts no node. Only a text the filter reads line by line, cleaned as it cleans
 * it: one it would hand the parser is left for the filter itself.
 */
async function keepFilterAnswer(gitDir: string, file: string, text: string): Promise<void> {
  const { cleanByLines } = await import('../core/session/private-regions.js');
  let cleaned: ReturnType<typeof cleanByLines>;
  try {
    cleaned = cleanByLines(text);
  } catch {
    return;
  }
  if (!cleaned) return;
  const { keepCleaned } = await import('./private-store.js');
  keepCleaned(gitDir, file, Buffer.from(text, 'utf8'), Buffer.from(cleaned.text, 'utf8'), cleaned.bodies);
}

function procLinux(pid: number, startTime?: string): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Field 22, the start time: a pid alone may since name another process.
    if (startTime !== undefined && fields[19] !== startTime) return undefined;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return { pid, ppid: Number(fields[1]), argv };
  } catch {
    return undefined;
  }
}

/**
 * The git process the hook script already found: it exports `GIT_SESSION_COMMIT` as
 * `<pid>-<start time>` read from /proc. Reading that process directly skips the two
 * shells between it and this one.
 */
function namedGitProcess(env: NodeJS.ProcessEnv): Proc | undefined {
  const named = /^(\d+)-(\d+)$/.exec(env.GIT_SESSION_COMMIT ?? '');
  if (!named) return undefined;
  const proc = procLinux(Number(named[1]), named[2]);
  return proc && isGitArgv(proc.argv) ? proc : undefined;
}

/** Every process from one `ps` call (macOS and the BSDs have no /proc); empty when ps fails. */
function psTable(): Map<number, Proc> {
  try {
    const out = childProcess().execFileSync('ps', ['-A', '-o', 'pid=,ppid=,ucomm=,args='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return parsePsTable(out);
  } catch {
    return new Map();
  }
}

/**
 * The `git` process that runs this hook, found by walking up the process tree
 * (hook → sh → git). Undefined where the tree cannot be read.
 */
export function findGitProcess(startPid: number = process.ppid, env: NodeJS.ProcessEnv = process.env): Proc | undefined {
  if (process.platform === 'win32') return undefined;
  // GIT_SESSION_TEST_NO_PROC: tests take the way of a system without /proc (see the hook script).
  if (process.platform === 'linux' && !env.GIT_SESSION_TEST_NO_PROC) return namedGitProcess(env) ?? findGitAncestor(startPid, (pid) => procLinux(pid));
  const found = scriptsGitProcess(env);
  if (found) return found;
  const table = psTable();
  return findGitAncestor(startPid, (pid) => table.get(pid));
}

/**
 * The git process as the hook script found it with its own ps, where there is no /proc:
 * `GIT_SESSION_COMMIT` starts with its pid and `GIT_SESSION_GIT_ARGS` is its command line.
 */
function scriptsGitProcess(env: NodeJS.ProcessEnv): Proc | undefined {
  const pid = /^(\d+)-/.exec(env.GIT_SESSION_COMMIT ?? '')?.[1];
  const args = env.GIT_SESSION_GIT_ARGS?.trim();
  if (!pid || !args) return undefined;
  return { pid: Number(pid), ppid: 0, argv: gitArgv(args), words: true };
}

/**
 * Whether the commit being made is `git commit --amend`: pre-commit is not told, so the
 * parent git's command line is read. When it cannot be read, the commit is taken as new.
 */
export function isAmending(gitProcess = findGitProcess()): boolean {
  return gitProcess ? isAmendArgv(gitProcess.argv, { words: gitProcess.words ?? false }) : false;
}

/** The commit whose message the commit in progress reuses (`git commit -C <commit>`), as typed; undefined when none. */
export function reusedMessage(gitProcess = findGitProcess()): string | undefined {
  return gitProcess ? reusedMessageArgv(gitProcess.argv, { words: gitProcess.words ?? false }) : undefined;
}

