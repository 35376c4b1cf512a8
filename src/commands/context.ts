import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { loadConfig } from '../adapters/config.js';
import { readTextFile } from '../adapters/fs.js';
import { git } from '../adapters/git.js';
import { findRepo, type RepoInfo } from '../adapters/repo.js';
import { DEAD_END_ALIASES, DEFAULT_CONFIG, type Config } from '../core/config.js';
import { GitSessionError } from '../errors.js';
import { mergeItems, type TrailerValue } from '../core/context/items.js';
import { renderContextMarkdown } from '../core/context/render.js';
import { assessSessionStaleness } from '../core/context/staleness.js';
import type { ContextData } from '../core/context/types.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { getDeadEnds, getDecisions, getGoal, getKeyFiles, getNextSteps, getStatus } from '../core/session/index.js';
import { parseSession } from '../core/session/index.js';
import type { SessionDoc } from '../core/session/index.js';

/** Commits scanned for trailers when the branch has no base to measure from. */
const RECENT_COMMITS = 50;
/** Commits scanned at most, whatever the branch's length. */
const MAX_COMMITS = 500;

/** Everything the context needs, also used by the Claude hooks, checkpoint and the MCP server. */
export interface GatheredContext {
  repo: RepoInfo;
  config: Config;
  doc: SessionDoc | null;
  data: ContextData;
}

async function out(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await git(args, { cwd, env, allowFailure: true });
  return r.code === 0 ? r.stdout : '';
}

/** The branch's own commits when it has a base (origin/HEAD, main, master), else the last 50. */
async function historyRange(cwd: string, env: NodeJS.ProcessEnv, branch: string | null): Promise<{ args: string[]; label: string }> {
  for (const base of ['refs/remotes/origin/HEAD', 'refs/heads/main', 'refs/heads/master']) {
    if (branch && base === `refs/heads/${branch}`) continue;
    const mb = (await out(['merge-base', base, 'HEAD'], cwd, env)).trim();
    const head = (await out(['rev-parse', 'HEAD'], cwd, env)).trim();
    if (mb && mb !== head) return { args: [`${mb}..HEAD`, '-n', String(MAX_COMMITS)], label: `since ${base.replace(/^refs\/(heads|remotes)\//, '')}` };
  }
  return { args: ['HEAD', '-n', String(RECENT_COMMITS)], label: `last ${RECENT_COMMITS} commits` };
}

function trailerArgs(keys: readonly string[]): string {
  return `%(trailers:${keys.map((k) => `key=${k}`).join(',')},valueonly,unfold,separator=%x1e)`;
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

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Runs `read`; with `problems`, an input error is noted there and `fallback` used instead of failing. */
function readOr<T>(read: () => T, fallback: T, problems: string[] | undefined): T {
  try {
    return read();
  } catch (error) {
    if (!problems || !(error instanceof GitSessionError)) throw error;
    problems.push(error.message);
    return fallback;
  }
}

/**
 * Reads SESSION.md, the branch's trailers and the work tree's state. With
 * `tolerant` (the assistant hooks, the MCP server), an unreadable SESSION.md or
 * .gitsession does not stop it: the rest is gathered and the problem noted.
 */
export async function gatherContext(ctx: CommandContext, opts: { tolerant?: boolean } = {}): Promise<GatheredContext> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const problems = opts.tolerant ? [] : undefined;
  const config = readOr(() => loadConfig(repo.root), DEFAULT_CONFIG, problems);
  const { root } = repo;
  const env = ctx.env;
  const sessionPath = join(root, config.sessionFile);
  const sessionExists = mtime(sessionPath) !== undefined;
  const doc = sessionExists
    ? readOr(() => parseSession(readTextFile(sessionPath, config.sessionFile), config.sessionFile), null, problems)
    : null;

  const branch = (await out(['symbolic-ref', '--short', '-q', 'HEAD'], root, env)).trim() || null;
  const hasHead = (await out(['rev-parse', '-q', '--verify', 'HEAD'], root, env)).trim() !== '';
  const range = hasHead ? await historyRange(root, env, branch) : { args: [], label: 'no commits yet' };
  const deadEndKeys = [...new Set([config.trailers.deadEnd, ...DEAD_END_ALIASES])];
  const [log, sessionCommit, status] = await Promise.all([
    hasHead
      ? out(['log', '-z', `--format=%h%x1f${trailerArgs([config.trailers.decision])}%x1f${trailerArgs(deadEndKeys)}`, ...range.args], root, env)
      : Promise.resolve(''),
    hasHead ? out(['log', '-1', '--format=%h', 'HEAD', '--', config.sessionFile], root, env) : Promise.resolve(''),
    out(['status', '--porcelain=v1', '-z', '--untracked-files=all'], root, env),
  ]);
  const decisions: TrailerValue[] = [];
  const deadEnds: TrailerValue[] = [];
  let commits = 0;
  for (const record of log.split('\0')) {
    const [hash, dec, dead] = record.replace(/^\n/, '').split('\x1f');
    if (!hash) continue;
    commits++;
    for (const v of (dec ?? '').split('\x1e')) if (v.trim()) decisions.push({ commit: hash, value: v.trim() });
    for (const v of (dead ?? '').split('\x1e')) if (v.trim()) deadEnds.push({ commit: hash, value: v.trim() });
  }

  const since = sessionCommit.trim() || null;
  const changed = hasHead
    ? await out(['log', '--format=%x00', '--name-only', '-n', String(MAX_COMMITS), since ? `${since}..HEAD` : 'HEAD'], root, env)
    : '';
  const commitsSince = changed
    .split('\0')
    .slice(1)
    .map((block) => block.split('\n').filter((l) => l.trim() !== ''));
  const uncommitted = statusPaths(status);
  const mtimes: Record<string, number> = {};
  for (const p of uncommitted.slice(0, 200)) {
    const m = mtime(join(root, p));
    if (m !== undefined) mtimes[p] = m;
  }
  const sessionFile = normalisePath(config.sessionFile);
  const staleness = assessSessionStaleness({
    sessionCommit: since,
    commitsSince,
    uncommitted,
    mtimes,
    sessionMtime: mtime(sessionPath),
    isSessionFile: (p) => normalisePath(p) === sessionFile,
    isJournal: journalMatcher(config.journal.path),
  });

  const data: ContextData = {
    version: 1,
    sessionFile: config.sessionFile,
    sessionExists,
    branch,
    goal: doc ? getGoal(doc) : null,
    status: doc ? getStatus(doc) : null,
    nextSteps: doc ? getNextSteps(doc) : [],
    decisions: mergeItems(doc ? getDecisions(doc) : [], decisions),
    deadEnds: mergeItems(doc ? getDeadEnds(doc) : [], deadEnds),
    keyFiles: doc ? getKeyFiles(doc) : [],
    staleness,
    ...(problems && problems.length > 0 ? { problems } : {}),
    history: { range: range.label, commits },
  };
  return { repo, config, doc, data };
}

/** `git session context`: a compact, factual summary for the start of an assistant session. */
export async function context(args: { format: 'md' | 'json'; tolerant?: boolean }, ctx: CommandContext): Promise<CommandResult> {
  const { data } = await gatherContext(ctx, { tolerant: args.tolerant });
  if (args.format === 'json') return { stdout: JSON.stringify(data, null, 2) + '\n' };
  return { stdout: renderContextMarkdown(data) };
}
