import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectId } from '../adapters/commit-facts.js';
import { git } from '../adapters/git.js';
import { sessionDelta, summaryFor } from '../adapters/session-data.js';
import type { Config } from '../core/config.js';
import { normalisePath } from '../core/pipeline/paths.js';
import { capTrailers, planTrailers, wovenLines, type PlannedTrailer } from '../core/pipeline/trailer-plan.js';
import type { SessionSummary } from '../core/pipeline/session-summary.js';
import { foldChain } from '../core/pipeline/skip.js';
import { ALL_OURS } from './trailer-file.js';

/**
 * The trailers of a commit that a rebase folds others into (`fixup`, `squash`, and
 * autosquash's `fixup!` and `squash!` commits), planned from its content as an amend's
 * are: the decisions and dead ends the folded commit adds to the session file against
 * its parents. git drops a fixup's message, trailers and all, and keeps the first
 * commit's trailers even where a fixup reworded or took out what they name. The hook
 * runs once per folded commit, with HEAD the commit folded so far. Undefined when the
 * commit has no session file (its message is left as git made it).
 */
export async function foldedTrailers(
  root: string,
  gitDir: string,
  env: NodeJS.ProcessEnv,
  config: Config,
  cachePath: string,
): Promise<{ planned: PlannedTrailer[]; ours: string[] } | undefined> {
  const sessionFile = normalisePath(config.sessionFile);
  const where = { cwd: root, env, sessionFile, cachePath };
  const [blob, foldedBlob, parents] = await Promise.all([objectId(root, env, `:${sessionFile}`), objectId(root, env, `HEAD:${sessionFile}`), parentsOfHead(root, env)]);
  if (!blob) return undefined;
  // Against every parent: a fold onto a merge (`rebase -r`) owns only what none of them had.
  const parentBlobs = await Promise.all(parents.map((p) => objectId(root, env, `${p}:${sessionFile}`)));
  const delta = await sessionDelta(where, blob, parentBlobs[0], parentBlobs.slice(1));
  // What git-session may have woven into the message git combines: for the items of the
  // commit folded so far, of each commit of the fold as first made (git combines their
  // messages as they were), and of the folded content. A trailer a person typed stays.
  const chain = await Promise.all(foldChain(readDone(gitDir)).map((sha) => objectId(root, env, `${sha}:${sessionFile}`)));
  const versions = [...new Set([foldedBlob, ...chain].filter((b): b is string => b !== undefined))];
  const summaries = await Promise.all(versions.map((b) => summaryFor(where, b).catch(() => undefined)));
  const planned = capTrailers(planTrailers({ decisions: delta.decisions, deadEnds: delta.deadEnds, goal: delta.summary.goal, trailers: config.trailers })).kept;
  // A version that cannot be read: every trailer of our keys goes, as for an amend.
  if (summaries.includes(undefined)) return { planned, ours: [ALL_OURS] };
  const ours = [delta.summary, ...(summaries as SessionSummary[])].flatMap((s) => wovenLines(s, config.trailers));
  return { planned, ours: [...new Set(ours)] };
}

async function parentsOfHead(root: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await git(['rev-parse', 'HEAD^@'], { cwd: root, env, allowFailure: true });
  return out.code === 0 ? out.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

function readDone(gitDir: string): string {
  try {
    return readFileSync(join(gitDir, 'rebase-merge', 'done'), 'utf8');
  } catch {
    return '';
  }
}
