import { objectId } from '../adapters/commit-facts.js';
import { sessionDelta } from '../adapters/session-data.js';
import type { Config } from '../core/config.js';
import { normalisePath } from '../core/pipeline/paths.js';
import { capTrailers, planTrailers, type PlannedTrailer } from '../core/pipeline/trailer-plan.js';

/**
 * The trailers of a commit that a rebase folds others into (`fixup`, `squash`, and
 * autosquash's `fixup!` and `squash!` commits), planned from its content as an amend's
 * are: the decisions and dead ends the folded commit adds to the session file against
 * its parent. git drops a fixup's message, trailers and all, and keeps the first
 * commit's trailers even where a fixup reworded or took out what they name. The hook
 * runs once per folded commit, with HEAD the commit folded so far. Undefined when the
 * commit has no session file (its message is left as git made it).
 */
export async function foldedTrailers(root: string, env: NodeJS.ProcessEnv, config: Config, cachePath: string): Promise<PlannedTrailer[] | undefined> {
  const sessionFile = normalisePath(config.sessionFile);
  const [blob, parentBlob] = await Promise.all([objectId(root, env, `:${sessionFile}`), objectId(root, env, `HEAD^:${sessionFile}`)]);
  if (!blob) return undefined;
  const delta = await sessionDelta({ cwd: root, env, sessionFile, cachePath }, blob, parentBlob);
  return capTrailers(planTrailers({ decisions: delta.decisions, deadEnds: delta.deadEnds, goal: delta.summary.goal, trailers: config.trailers })).kept;
}
