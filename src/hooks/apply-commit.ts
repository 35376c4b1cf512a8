import type { CommandResult } from '../context.js';
import { gitSettingsOf, type CommitSetting } from '../adapters/commit-facts.js';
import { ExitCode } from '../errors.js';
import type { CommitPlan } from '../core/pipeline/commit-plan.js';
import { messageEncoding, STAGE_PREFIX } from '../core/pipeline/preflight.js';
import { writeCommitJournal, type CommitEntry } from './journal-step.js';
import { shellCanStage, stagePaths } from './stage.js';
import { handOffPath, markForOldLine, replanPath, writeReplan, writeTrailerFile } from './trailer-file.js';
import { lazy } from '../adapters/lazy.js';
import { lastHeadMoves, type HeadMove } from '../adapters/head-moves.js';
import type { RestoredEntries } from './reverted-step.js';

/** What applying a plan did: what to print, and the entry the hook script stages (when it does). */
export type AppliedCommit = CommandResult & { entry?: CommitEntry };

/**
 * Carries out a commit plan: the journal entry (staged by the hook script from sh when
 * it can, else from here), and the trailers left for prepare-commit-msg under the name
 * of this commit. A refusal does nothing but say why.
 */
export async function applyCommitPlan(plan: CommitPlan, s: CommitSetting, now: Date): Promise<AppliedCommit> {
  const stderr = [...plan.messages];
  if (plan.refusal !== undefined) return { stderr: stderr.join('') + plan.refusal, exitCode: ExitCode.Refused };

  // Set when the hook script stages the journal entry from sh (it reads this from stdout).
  let stageLine: string | undefined;
  let staged: CommitEntry | undefined;
  if (plan.journal) {
    // Before this commit's entry, so that it follows them and a retry finds it where it was written.
    const restored = s.headReverts ? await restoreReverted(s, stderr) : undefined;
    // Read at most once: the entry and the files of other weeks both ask whether a reset came first.
    let moves: readonly HeadMove[] | undefined;
    try {
      const journal = await writeCommitJournal({
        root: s.root,
        env: s.env,
        template: s.config.journal.path,
        now,
        branch: s.state.branch,
        ...plan.journal,
        amend: s.amend,
        parents: s.parents,
        carried: s.state.markers.carried,
        changedPaths: s.files.map((f) => f.path),
        lastEntryPath: s.state.lastEntryPath,
        head: s.state.revs.HEAD,
        headMoves: () => (moves ??= lastHeadMoves(s.state.gitDir)),
        settings: () => gitSettingsOf(s),
        ...(restored ? { kept: restored.kept } : {}),
      });
      const others = restored?.paths.filter((p) => p !== journal.path) ?? [];
      if (s.piped && shellCanStage(journal.path, s.env)) {
        stageLine = `${STAGE_PREFIX}${journal.path}\n`;
        staged = journal;
      } else others.unshift(journal.path);
      await stagePaths(others, s.root, s.env);
    } catch (error) {
      stderr.push(`git-session: journal entry skipped: ${(error as Error).message.split('\n')[0]}\n`);
      // What was put back is staged even without this commit's entry: it is what the revert lost.
      if (restored) await stagePaths(restored.paths, s.root, s.env).catch(() => undefined);
    }
  }

  if (plan.trailers.length > 0) {
    // Only a commit with trailers needs the message encoding (asked now if the pipe did not say).
    const encoding = messageEncoding((await gitSettingsOf(s)).commitEncoding);
    writeTrailerFile(handOffPath(s.state.stateDir, s.env), plan.trailers, encoding);
    markForOldLine(s.state.stateDir, s.env);
  }
  // An amend plans its trailers again from its own content: prepare-commit-msg takes out
  // those git-session wove (a decision deleted from the session file goes), and weaves the
  // plan. So does a commit that reuses another's message (splitting a commit with -C
  // ORIG_HEAD): a part that does not hold a decision must not carry its trailer.
  if (s.amend || s.reuse !== undefined) writeReplan(replanPath(s.state.stateDir, s.env), plan.ours);
  return { ...(stageLine ? { stdout: stageLine } : {}), ...(stderr.length > 0 ? { stderr: stderr.join('') } : {}), ...(staged ? { entry: staged } : {}) };
}

/**
 * Puts back what the reverts at HEAD dropped from the journal (see reverted-step.ts),
 * loaded only then: a commit after anything but a revert never reads the journal's
 * history. A failure costs the restored entries, never the commit.
 */
async function restoreReverted(s: CommitSetting, stderr: string[]): Promise<RestoredEntries | undefined> {
  try {
    const { restoreRevertedEntries } = await lazy('reverted-entries', () => import('./reverted-step.js'));
    return await restoreRevertedEntries(s);
  } catch (error) {
    stderr.push(`git-session: journal entries a revert dropped were not restored: ${(error as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
}
