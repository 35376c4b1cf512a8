import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { loadConfig } from '../adapters/config.js';
import { readTextFile } from '../adapters/fs.js';
import { currentBranch, gitOut, hasHead, lastChange, type GitFactOptions } from '../adapters/git-facts.js';
import { historyOf, readBaseRefs } from '../adapters/history.js';
import { invocation } from '../adapters/invocation.js';
import { findRepo, type RepoInfo } from '../adapters/repo.js';
import { hooksInstalled } from '../adapters/hooks-installed.js';
import { lackedCloneConfig } from '../adapters/clone-config.js';
import { mtimeOf } from '../adapters/work-tree.js';
import { CONFIG_FILE, DEFAULT_CONFIG, type Config } from '../core/config.js';
import { GitSessionError } from '../errors.js';
import { mergeItems, takenOut, type TrailerValue } from '../core/context/items.js';
import { renderContextMarkdown } from '../core/context/render.js';
import { assessSessionStaleness } from '../core/context/staleness.js';
import { windowEnds } from '../core/history/window.js';
import { readsAsClose } from '../core/history/close.js';
import type { ContextData } from '../core/context/types.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { redactDeep } from '../core/report/redact-deep.js';
import { sessionView, type SessionView } from '../core/report/session-view.js';
import { pickBase } from '../core/report/targets.js';
import { joinReason } from '../core/trailers/reason.js';

/** Commits scanned for trailers when the branch has no base to measure from. */
const RECENT_COMMITS = 50;
/** Commits scanned at most, whatever the branch's length. */
const MAX_COMMITS = 500;

/** Everything the context needs, also used by the Claude hooks and the MCP server. */
export interface GatheredContext {
  repo: RepoInfo;
  config: Config;
  /** The session file's public parts, secrets redacted; null when missing or unreadable. */
  view: SessionView | null;
  /** What `context` prints: every text in it redacted. */
  data: ContextData;
}

type Range = { revArgs: string[]; filters: string[]; label: string; recent?: number };

/** The branch's own commits when it has a base (as `review` picks it), else the last 50. */
async function historyRange(opts: GitFactOptions): Promise<Range> {
  const base = pickBase(await readBaseRefs(opts));
  if (base) {
    const [mb, head] = await Promise.all([gitOut(['merge-base', base, 'HEAD'], opts), gitOut(['rev-parse', 'HEAD'], opts)]);
    if (mb.trim() && mb.trim() !== head.trim()) return { revArgs: [`${mb.trim()}..HEAD`], filters: [`--max-count=${MAX_COMMITS}`], label: `since ${base}` };
  }
  return { revArgs: ['HEAD'], filters: [`--max-count=${RECENT_COMMITS}`], label: `last ${RECENT_COMMITS} commits`, recent: RECENT_COMMITS };
}

/**
 * The range's revisions for the record's walk. The last commits are named as a range
 * (HEAD less where they end, see windowEnds): the walk is in topological order, which
 * with `--max-count` alone reads all of a long history first (0.9 s at 100,000
 * commits) where no commit-graph was written, as in a fresh clone.
 */
async function walkRevs(range: Range, opts: GitFactOptions): Promise<string[]> {
  if (range.recent === undefined) return range.revArgs;
  const listed = await gitOut(['rev-list', '--parents', `--max-count=${range.recent}`, 'HEAD', '--'], opts);
  return ['HEAD', ...windowEnds(listed).map((id) => `^${id}`)];
}

/** The items the range's commits recorded (tree and trailers), newest first, still in force only. */
async function rangeItems(
  repo: RepoInfo,
  config: Config,
  git: GitFactOptions,
  range: Range,
): Promise<{ commits: number; decisions: TrailerValue[]; deadEnds: TrailerValue[] }> {
  const [{ readSessionHistory }, revArgs] = await Promise.all([import('../adapters/session-history.js'), walkRevs(range, git)]);
  const h = historyOf(repo, config, { cwd: git.cwd, env: git.env ?? process.env });
  const record = await readSessionHistory(h, { revArgs, filters: range.filters, label: range.label });
  const decisions: TrailerValue[] = [];
  const deadEnds: TrailerValue[] = [];
  // Newest commit first; within a commit, the order it recorded them in.
  const position = new Map(record.commits.map((c, i) => [c.record.hash, i]));
  const active = record.items.filter((i) => i.status === 'active').sort((a, b) => position.get(a.commit)! - position.get(b.commit)!);
  for (const item of active) {
    (item.kind === 'decision' ? decisions : deadEnds).push({ commit: item.short, value: joinReason(item.text, item.reason) });
  }
  return { commits: record.commits.length, decisions, deadEnds };
}

/** Paths from `git status --porcelain -z`, renames counted under their new name. */
function statusPaths(text: string): string[] {
  const parts = text.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

/** Files changed per commit from `git log -z --format=%x01 --name-only`: one list per commit. */
function changedPerCommit(text: string): string[][] {
  return text
    .split('\x01')
    .slice(1)
    .map((block) => block.split('\0').map((p) => p.replace(/^\n/, '')).filter((p) => p !== ''));
}

/** Runs `read`; with `problems`, an input error is noted there and `fallback` used instead of failing. */
async function readOr<T>(read: () => T | Promise<T>, fallback: T, problems: string[] | undefined): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!problems || !(error instanceof GitSessionError)) throw error;
    problems.push(error.message);
    return fallback;
  }
}

/** The session file as HEAD has it, read as the work tree's is; null where it cannot be read. */
async function headView(file: string, git: GitFactOptions): Promise<SessionView | null> {
  try {
    const text = await gitOut(['cat-file', 'blob', `HEAD:${normalisePath(file)}`], git);
    return await sessionView(text, `${file} at HEAD`);
  } catch {
    // Not at HEAD, or not readable there (committed mid-conflict): nothing to compare with.
    return null;
  }
}

/**
 * Reads SESSION.md, the branch's trailers and the work tree's state. With
 * `tolerant` (the assistant hooks, the MCP server), an unreadable SESSION.md or
 * .gitsession does not stop it: the rest is gathered and the problem noted.
 */
export async function gatherContext(
  ctx: CommandContext,
  opts: { tolerant?: boolean; viewIfStale?: boolean } = {},
): Promise<GatheredContext> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const problems = opts.tolerant ? [] : undefined;
  const config = await readOr(() => loadConfig(repo.root), DEFAULT_CONFIG, problems);
  const { root } = repo;
  const git: GitFactOptions = { cwd: root, env: ctx.env };
  const sessionPath = join(root, config.sessionFile);
  const sessionMtime = mtimeOf(sessionPath);
  // git answers while the session file is parsed: the parser runs here, git beside it.
  const asked = (async () => {
    const [branch, head] = await Promise.all([currentBranch(git), hasHead(git)]);
    const range = head ? await historyRange(git) : { revArgs: [], filters: [], label: 'no commits yet' };
    const none = { commits: 0, decisions: [], deadEnds: [] };
    const [recorded, sessionCommit, status, lacked] = await Promise.all([
      // The Stop hook tells what to update, not what was decided: it needs no record.
      head && !opts.viewIfStale ? rangeItems(repo, config, git, range) : none,
      head ? lastChange(config.sessionFile, git) : null,
      gitOut(['status', '--porcelain=v1', '-z', '--untracked-files=all'], git),
      opts.viewIfStale ? [] : lackedCloneConfig(root, ctx.env),
    ]);
    return { branch, head, range, recorded, sessionCommit, status, lacked };
  })();
  // An error reading the session file comes first, as it always has; git's is taken up below.
  asked.catch(() => {});
  const readView = () =>
    sessionMtime !== undefined
      ? readOr(() => sessionView(readTextFile(sessionPath, config.sessionFile), config.sessionFile), null, problems)
      : Promise.resolve(null);
  // viewIfStale (the Stop hook): a session file that is up to date is not parsed at all.
  let view = opts.viewIfStale ? null : await readView();
  const { branch, head, range, recorded, sessionCommit, status, lacked } = await asked;
  const { decisions, deadEnds, commits } = recorded;

  const since = sessionCommit?.short ?? null;
  // -z: paths come back as they are, never quoted (non-ASCII names included).
  const changed = head
    ? await gitOut(['log', '-z', '--format=%x01', '--name-only', '-n', String(MAX_COMMITS), since ? `${since}..HEAD` : 'HEAD'], git)
    : '';
  const uncommitted = statusPaths(status);
  const mtimes: Record<string, number> = {};
  for (const p of uncommitted.slice(0, 200)) {
    const m = mtimeOf(join(root, p));
    if (m !== undefined) mtimes[p] = m;
  }
  const sessionFile = normalisePath(config.sessionFile);
  const isJournal = journalMatcher(config.journal.path);
  const staleness = assessSessionStaleness({
    sessionCommit: since,
    commitsSince: changedPerCommit(changed),
    uncommitted,
    mtimes,
    sessionMtime,
    isSessionFile: (p) => normalisePath(p) === sessionFile,
    isToolFile: (p) => isJournal(p) || normalisePath(p) === CONFIG_FILE,
  });
  if (opts.viewIfStale && staleness.stale) view = await readView();

  // What the work tree took out of the session file since HEAD is no longer in force.
  const before = view && head && uncommitted.some((p) => normalisePath(p) === sessionFile) ? await headView(config.sessionFile, git) : null;
  const closing = !view || readsAsClose(view.decisions.length + view.deadEnds.length);
  const gone = (kind: 'decisions' | 'deadEnds') => (before && view && !closing ? takenOut(before[kind], view[kind]) : []);
  // Trailers were redacted when git-session wrote them, but a hand-written one may not be.
  const texts = await redactDeep({
    decisions: mergeItems(view?.decisions ?? [], decisions, gone('decisions')),
    deadEnds: mergeItems(view?.deadEnds ?? [], deadEnds, gone('deadEnds')),
  }, ['commit', 'source']);
  // So can a branch name or a file name hold one (a token pasted into a branch's name),
  // and a problem quotes what it could not read (a value of a cloned .gitsession).
  const names = await redactDeep({ branch, staleness, problems: problems ?? [] });
  const data: ContextData = {
    version: 1,
    sessionFile: config.sessionFile,
    sessionExists: sessionMtime !== undefined,
    branch: names.branch,
    goal: view?.goal ?? null,
    status: view?.status ?? null,
    nextSteps: view?.nextSteps ?? [],
    ...texts,
    keyFiles: view?.keyFiles ?? [],
    staleness: names.staleness,
    ...(names.problems.length > 0 ? { problems: names.problems } : {}),
    history: { range: range.label, commits },
    hooksInstalled: hooksInstalled(repo),
    ...(lacked.length > 0 ? { cloneConfigured: false } : {}),
  };
  return { repo, config, view, data };
}

/** `git session context`: a compact, factual summary for the start of an assistant session. */
export async function context(args: { format: 'md' | 'json'; tolerant?: boolean }, ctx: CommandContext): Promise<CommandResult> {
  const { data } = await gatherContext(ctx, { tolerant: args.tolerant });
  if (args.format === 'json') return { stdout: JSON.stringify(data, null, 2) + '\n' };
  return { stdout: renderContextMarkdown(data, invocation(ctx.env)) };
}
