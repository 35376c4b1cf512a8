import { readFileSync } from 'node:fs';
import { git } from '../adapters/git.js';
import type { Config } from '../core/config.js';
import { mergeSessionTrailers, parseTrailerLog, squashedCommits, trailerLogFormat } from '../core/pipeline/squash.js';
import type { PlannedTrailer } from '../core/pipeline/trailer-plan.js';
import { formatTrailer } from '../core/trailers/index.js';

/**
 * The decisions and dead ends of the commits a `git merge --squash` folds together:
 * git indents their messages in SQUASH_MSG, so none of their trailers survives
 * unless they are read from the commits and put into the new message's last block.
 */
export async function squashTrailers(
  cwd: string,
  env: NodeJS.ProcessEnv,
  messageFile: string,
  keys: Config['trailers'],
): Promise<PlannedTrailer[]> {
  const shas = squashedCommits(readFileSync(messageFile, 'utf8'));
  if (shas.length === 0) return [];
  const out = await git(['log', '--no-walk=unsorted', `--format=${trailerLogFormat(keys)}`, ...shas], { cwd, env });
  const trailers = mergeSessionTrailers(
    parseTrailerLog(out.stdout).reverse().flatMap((c) => c.trailers),
    keys,
  );
  return trailers.map((t) => ({ line: formatTrailer(t.key, t.value), ifExists: 'addIfDifferent' }));
}
