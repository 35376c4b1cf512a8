import { readFileSync } from 'node:fs';
import { openHistory } from '../adapters/history.js';
import { readSessionItems } from '../adapters/session-history.js';
import type { Config } from '../core/config.js';
import { squashedCommits } from '../core/pipeline/squash.js';
import type { PlannedTrailer } from '../core/pipeline/trailer-plan.js';
import { formatTrailer } from '../core/trailers/index.js';
import { joinReason } from '../core/trailers/reason.js';

/**
 * The decisions and dead ends of the commits a `git merge --squash` folds together:
 * git indents their messages in SQUASH_MSG, so none of their trailers survives
 * unless they are put into the new message's last block. Judged over those commits,
 * tree and trailers, as `squash-message` judges a range: what the branch itself
 * reverted, superseded or withdrew is not woven, and the squash commit, whose tree
 * no longer holds it, would otherwise record it again.
 */
export async function squashTrailers(
  cwd: string,
  env: NodeJS.ProcessEnv,
  messageFile: string,
  keys: Config['trailers'],
): Promise<PlannedTrailer[]> {
  const shas = squashedCommits(readFileSync(messageFile, 'utf8'));
  if (shas.length === 0) return [];
  const h = await openHistory(cwd, env);
  const { items } = await readSessionItems(h, { revArgs: [...shas, '^HEAD'], label: 'the squashed commits' });
  return items
    .filter((i) => i.status === 'active')
    .map((i) => ({ line: formatTrailer(i.kind === 'decision' ? keys.decision : keys.deadEnd, joinReason(i.text, i.reason)), ifExists: 'addIfDifferent' }));
}
