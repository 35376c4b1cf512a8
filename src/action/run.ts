import { statSync } from 'node:fs';
import * as core from '@actions/core';
import { context } from '@actions/github';
import type { CommandContext } from '../context.js';
import { git } from '../adapters/git.js';
import { annotations } from '../commands/annotate.js';
import { review } from '../commands/review.js';
import { squashMessage } from '../commands/squash-message.js';
import { renderWorkflowCommands } from '../core/action/annotations.js';
import { spliceBlock } from '../core/action/block.js';
import { pullRequestOf, type PullRequest } from '../core/action/event.js';
import { BODY_LIMIT, blockRoom, fitBlock, fitComment, fitSummary, SUMMARY_LIMIT, type Fitted, type Where } from '../core/action/fit.js';
import { readInputs } from '../core/action/inputs.js';
import { messageTrailers } from '../core/action/message-trailers.js';
import { sanitiseDeep, sanitiseJsonText, sanitiseOutput } from '../core/text/sanitise.js';
import type { Counts } from '../core/action/summary.js';
import type { Review } from '../core/report/review.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { pullRequestApi, type PullRequestApi } from './github.js';

const SHALLOW_FIX =
  'Check out the whole history: give actions/checkout `fetch-depth: 0` (it fetches one commit by default), or run `git fetch --unshallow` first.';

/** Fails with the fix when the clone lacks history the review needs. */
async function assertHistory(ctx: CommandContext, revisions: readonly string[]): Promise<void> {
  const shallow = await git(['rev-parse', '--is-shallow-repository'], { cwd: ctx.cwd, env: ctx.env, allowFailure: true });
  if (shallow.stdout.trim() === 'true') {
    throw new GitSessionError(ExitCode.Git, 'this clone is shallow: the review needs the history from the base to the head.', { fix: SHALLOW_FIX });
  }
  for (const rev of revisions) {
    const there = await git(['cat-file', '-e', `${rev}^{commit}`], { cwd: ctx.cwd, env: ctx.env, allowFailure: true });
    if (there.code !== 0) throw new GitSessionError(ExitCode.Git, `commit ${rev} is not in this clone.`, { fix: SHALLOW_FIX });
  }
}

/**
 * What the pull request's own commits are reviewed from: the base branch as this clone
 * has it now (`origin/<base ref>`, which actions/checkout fetches) when the event's
 * base commit is behind it, else that commit. base.sha is the base branch's tip when
 * the event was made: a head rebased since onto a newer base put the commits it was
 * rebased onto in base.sha..head, other pull requests' decisions with them, and a
 * squash merge would have recorded those again. A branch tip, not a merge base: with
 * criss-cross merges git picks one of several, and a range from it takes in base
 * commits the tip leaves out.
 */
async function reviewBase(pr: PullRequest, ctx: CommandContext): Promise<string> {
  if (!pr.baseRef) return pr.baseSha;
  const opts = { cwd: ctx.cwd, env: ctx.env, allowFailure: true };
  const tracked = await git(['rev-parse', '--verify', '-q', `refs/remotes/origin/${pr.baseRef}^{commit}`], opts);
  const tip = tracked.code === 0 ? tracked.stdout.trim() : '';
  if (!tip || tip === pr.baseSha) return pr.baseSha;
  const behind = await git(['merge-base', '--is-ancestor', pr.baseSha, tip], opts);
  return behind.code === 0 ? tip : pr.baseSha;
}

async function shortRange(base: string, head: string, ctx: CommandContext): Promise<string> {
  const short = async (rev: string) => (await git(['rev-parse', '--short', rev], { cwd: ctx.cwd, env: ctx.env })).stdout.trim();
  return `${await short(base)}..${await short(head)}`;
}

/**
 * The last paragraph of the squash message: the branch's trailers, when it has any. The
 * counts include items no longer in force, which the message leaves out.
 */
async function branchTrailers(range: string, counts: Counts, ctx: CommandContext): Promise<string[]> {
  if (counts.decisions + counts.deadEnds === 0) return [];
  return messageTrailers(sanitiseOutput((await squashMessage({ range }, ctx)).stdout ?? ''));
}

/** A failed API call, told with what to change in the workflow. */
function apiProblem(what: string, error: unknown): string {
  const status = (error as { status?: number }).status;
  const detail = error instanceof Error ? error.message : String(error);
  const hint =
    status === 403 || status === 404
      ? ' Give the job `permissions: pull-requests: write`; pull requests from forks get a read-only token.'
      : '';
  return `could not ${what}${status ? ` (HTTP ${status})` : ''}: ${detail}.${hint}`;
}

/** The review, where it is shown and where the whole of it can be read, without the room each place gives. */
type Shown = Omit<Where, 'room'>;

/** Says what a shortened block or comment left out, as a warning when the squash message loses trailers. */
function tellShortened(what: string, fitted: Fitted, range: string): void {
  if (fitted.trailersLeftOut > 0) {
    core.warning(
      `${fitted.trailersLeftOut} of the branch's trailers did not fit in the ${what} (GitHub's limit of ${BODY_LIMIT.toLocaleString('en-US')} characters): a squash merge built from it lacks them. Paste \`git session squash-message ${range}\` into the merge dialog instead.`,
    );
  } else if (Object.keys(fitted.omitted).length > 0) {
    core.info(`The review was shortened to fit the ${what} (GitHub's limit of ${BODY_LIMIT.toLocaleString('en-US')} characters); the block says what it left out.`);
  }
}

async function publishComment(api: PullRequestApi, shown: Shown, reviewed: string): Promise<void> {
  const fitted = fitComment({ ...shown, room: BODY_LIMIT });
  if (!fitted) return core.warning(`The review is too long for a comment even shortened; it was not written. \`git session review ${shown.range}\` prints it.`);
  tellShortened('comment', fitted, shown.range);
  let found;
  try {
    const [now, comment] = await Promise.all([api.current(), api.findComment()]);
    if (movedOn(now.headSha, reviewed, 'comment')) return;
    found = comment;
  } catch (error) {
    return core.warning(apiProblem('read the pull request comments', error));
  }
  if (found?.body === fitted.text) return;
  if (found) {
    try {
      return await api.updateComment(found.id, fitted.text);
    } catch (error) {
      const status = (error as { status?: number }).status;
      // Deleted since it was listed, or not ours to edit after all: a new comment keeps the review.
      if (status !== 403 && status !== 404 && status !== 410) return core.warning(apiProblem('update the review comment', error));
    }
  }
  try {
    await api.createComment(fitted.text);
  } catch (error) {
    core.warning(apiProblem('write the review comment', error));
  }
}

/**
 * Whether the pull request's head moved on since the event this run reviews: a push
 * while it ran. Its own run writes the newer review, and this one, finishing later,
 * would overwrite it with the review of commits the branch no longer has.
 */
function movedOn(headSha: string | undefined, reviewed: string, where: string): boolean {
  if (headSha === undefined || headSha === reviewed) return false;
  core.info(`The pull request's head moved on to ${headSha.slice(0, 7)} while this run reviewed ${reviewed.slice(0, 7)}: the ${where} is left to the run for the newer head.`);
  return true;
}

async function publishDescription(api: PullRequestApi, shown: Shown, trailers: readonly string[], reviewed: string): Promise<void> {
  try {
    const { body: description, headSha } = await api.current();
    if (movedOn(headSha, reviewed, 'description')) return;
    const room = blockRoom(description);
    if (room === undefined) {
      return core.warning('The description has a git-session:review:start marker without the end marker after it; it was left as it is. Delete the start marker to get a fresh review block.');
    }
    const fitted = fitBlock({ ...shown, room }, trailers);
    if (!fitted) {
      return core.warning(
        `The description's own text leaves no room for the review block within GitHub's limit of ${BODY_LIMIT.toLocaleString('en-US')} characters; it was left as it is. Shorten the description, or set comment: true.`,
      );
    }
    tellShortened('description', fitted, shown.range);
    const spliced = spliceBlock(description, fitted.text);
    if (spliced.kind === 'broken') return;
    if (spliced.textAfter) {
      core.warning('The description has text after the review block: a squash merge built from it will not keep the trailers. Move that text above the block.');
    }
    if (spliced.kind !== 'unchanged') await api.setBody(spliced.body);
  } catch (error) {
    core.warning(apiProblem('update the pull request description', error));
  }
}

/** Bytes the step summary file holds already: the runner's limit counts them too. */
function summarySize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Reviews the pull request (or base..HEAD) and writes the outputs, notices, summary, and description or comment. */
export async function run(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const ctx: CommandContext = { cwd, env, now: new Date(), stdoutIsTTY: false };
  const pr = pullRequestOf(context.payload);
  if (!inputs.base && !pr) {
    throw new GitSessionError(ExitCode.Usage, `this is a ${context.eventName || 'non pull_request'} event, without a pull request to compare.`, {
      fix: 'Run the action on pull_request events, or set the base input.',
    });
  }
  const head = pr?.headSha ?? 'HEAD';
  await assertHistory(ctx, [inputs.base || pr!.baseSha, head]);
  const base = inputs.base || (await reviewBase(pr!, ctx));
  // Short hashes: the range is the review's title, and the description's last trailer.
  const range = await shortRange(base, head, ctx);
  // The commands' outputs are cleaned where the CLI prints them; the action takes them
  // straight from the commands, so it cleans them here before any reaches GitHub: an
  // escape sequence or a bidirectional override in a commit message would otherwise
  // reach the description, the comment, the notices and the job summary.
  const model = JSON.parse(sanitiseJsonText((await review({ range, format: 'json' }, ctx)).stdout ?? '{}')) as Review;
  if (inputs.annotations && pr) {
    const checkedOut = (await git(['rev-parse', 'HEAD'], { cwd, env })).stdout.trim();
    if (checkedOut !== pr.headSha) {
      core.info(`Notices name lines as they are in the checked-out commit ${checkedOut.slice(0, 7)}, not the pull request's head ${pr.headSha.slice(0, 7)}: give actions/checkout \`ref: \${{ github.event.pull_request.head.sha }}\` to match the lines the pull request shows.`);
    }
  }
  const notes = inputs.annotations ? sanitiseDeep(await annotations({ range: base }, ctx)) : [];
  const shown = notes.slice(0, inputs.maxAnnotations);
  const counts: Counts = { decisions: model.decisions.length, deadEnds: model.deadEnds.length, annotations: shown.length };
  // Outputs first: nothing after this may keep a later step from reading them.
  core.setOutput('decisions', counts.decisions);
  core.setOutput('dead-ends', counts.deadEnds);
  core.setOutput('annotations', counts.annotations);

  process.stdout.write(renderWorkflowCommands(shown));
  let summaryWhole = false;
  if (inputs.summary && env.GITHUB_STEP_SUMMARY) {
    const fitted = fitSummary({ review: model, format: inputs.format, range, room: SUMMARY_LIMIT - summarySize(env.GITHUB_STEP_SUMMARY) }, notes, shown.length);
    if (fitted) {
      await core.summary.addRaw(fitted.text).write();
      summaryWhole = Object.keys(fitted.omitted).length === 0;
    } else core.warning('The step summary file is already full (the runner shows at most 1 MiB); the review was not added to it.');
  }
  if (!pr || !(inputs.description || inputs.comment)) return;
  const where = inputs.comment ? 'comment' : 'description';
  if (!inputs.token) {
    // A secret is empty where it cannot be read: in a pull request from a fork, for one.
    return core.warning(`input token is empty (a secret is, in a pull request from a fork), so the review was not written to the pull request ${where}; the outputs, notices and job summary were.`);
  }
  const api = pullRequestApi(inputs.token, pr);
  const runUrl = context.runId ? `${context.serverUrl}/${pr.owner}/${pr.repo}/actions/runs/${context.runId}` : undefined;
  const view: Shown = { review: model, format: inputs.format, range, ...(summaryWhole && runUrl ? { summaryUrl: runUrl } : {}) };
  if (inputs.comment) await publishComment(api, view, pr.headSha);
  else await publishDescription(api, view, await branchTrailers(range, counts, ctx), pr.headSha);
}
