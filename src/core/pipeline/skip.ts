/** Git operations in progress, read from marker files in the git dir. */
export interface CommitMarkers {
  rebase: boolean;
  cherryPick: boolean;
  revert: boolean;
  merge: boolean;
  /**
   * A rebase stopped on a pick that conflicted, and this commit concludes it (the person
   * committed instead of `git rebase --continue`): the pick replays recorded work, as any
   * other pick of the rebase does. At an `edit` stop git leaves `rebase-merge/amend`, and
   * at a `break` no stopped pick (REBASE_HEAD): commits made there are the person's own.
   */
  concludesPick: boolean;
  /**
   * The index holds changes git brought from other commits and a message waits for
   * them (SQUASH_MSG after `merge --squash`, MERGE_MSG after `cherry-pick -n` or
   * `revert -n`): the journal entries staged with them are those commits', not an
   * earlier attempt of this one. Not a reason to skip: the commit is new work.
   */
  carried: boolean;
  /**
   * The rebase step running is a `fixup` or `squash` (autosquash's too): it folds a
   * commit into the one before it, and the combined commit's trailers are planned again
   * from its content (see src/hooks/folded-trailers.ts). git lists the chain being folded
   * in `rebase-merge/current-fixups` at such a step only.
   */
  folds: boolean;
}

/** The todo commands that fold a commit into the one before it, and those that may stand between them. */
const FOLDS = new Set(['fixup', 'f', 'squash', 's']);
const BETWEEN = new Set(['exec', 'x', 'break', 'b']);

/**
 * The commits of the fold a rebase is making, as `rebase-merge/done` names them: the
 * pick the last run of `fixup`/`squash` lines folds into, then each of those. Their
 * session files are what git-session wove trailers for, in the message git combines.
 */
export function foldChain(done: string): string[] {
  const steps = done
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((w) => w[0] !== '' && !w[0]!.startsWith('#'));
  const commitOf = (w: string[]) => (w[1]?.startsWith('-') ? w[2] : w[1]);
  const chain: string[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const command = steps[i]![0]!;
    if (BETWEEN.has(command)) continue;
    const sha = commitOf(steps[i]!);
    if (sha && /^[0-9a-f]{4,64}$/.test(sha)) chain.unshift(sha);
    if (!FOLDS.has(command)) break;
  }
  return chain;
}

/**
 * Why the commit pipeline stays out of this commit, or undefined when it runs.
 * Rebases, cherry-picks, reverts and merges replay or join work that was recorded
 * when it was first committed; recording it again would duplicate entries and trailers.
 */
export function skipReason(
  env: Readonly<Record<string, string | undefined>>,
  markers: CommitMarkers,
  source?: string,
): string | undefined {
  if (env.HUSKY === '0') return 'HUSKY=0';
  if (env.GIT_SESSION === '0') return 'GIT_SESSION=0';
  // git's sequencer runs pre-commit itself for a `reword`, with the rebase's own index in
  // memory: a file staged then would stop the rebase. It names itself in this variable,
  // which a person's own commit at an edit stop does not carry.
  if (/\b(?:rebase|cherry-pick|revert)\b/.test(env.GIT_REFLOG_ACTION ?? '')) return 'git is replaying commits';
  if (markers.rebase) return 'a rebase is in progress';
  if (markers.cherryPick) return 'a cherry-pick is in progress';
  if (markers.revert) return 'a revert is in progress';
  if (markers.merge || source === 'merge') return 'this is a merge commit';
  if (markers.concludesPick) return 'this commit concludes a pick the rebase replays';
  return undefined;
}
