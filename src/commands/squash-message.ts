import type { CommandContext, CommandResult } from '../context.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { findRepo } from '../adapters/repo.js';
import { readJudgedItems } from '../adapters/session-history.js';
import { historyOf, readCommits } from '../adapters/history.js';
import { renderSquashMessage, type LoggedCommit } from '../core/pipeline/squash.js';
import { joinReason } from '../core/trailers/reason.js';
import { parseRange } from '../core/report/targets.js';
import { ExitCode, GitSessionError } from '../errors.js';

async function branchName(cwd: string, env: NodeJS.ProcessEnv, tip: string): Promise<string | undefined> {
  const out = await git(['rev-parse', '--abbrev-ref', '--symbolic-full-name', tip], { cwd, env, allowFailure: true });
  const name = out.stdout.trim();
  return out.code === 0 && name && name !== 'HEAD' ? name : undefined;
}

/**
 * `git session squash-message <range>`: a message for a hosted squash merge, with every
 * decision and dead end of the range in its last paragraph (hosted squash merges, like
 * `git merge --squash`, would otherwise bury them inside the body).
 */
export async function squashMessage(args: { range: string }, ctx: CommandContext): Promise<CommandResult> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const config = loadConfig(repo.root);
  if (!args.range.trim()) {
    throw new GitSessionError(ExitCode.Usage, 'no range given.', { fix: 'Name a range such as main..HEAD, or the branch you merge into: main.' });
  }
  // A bare revision means "what this branch adds on top of it", as in review.
  const parsed = parseRange(args.range.trim());
  const range = parsed.revArgs[0]!;
  const tip = parsed.head;
  const h = historyOf(repo, config, { cwd: repo.root, env: ctx.env });
  let listed;
  try {
    listed = await readCommits(h.keys, { revArgs: [range], label: `the range "${args.range}"` }, h.opts);
  } catch (error) {
    // One sentence for git's complaint about the range, one for the fix. Anything else
    // (a branch with no commits yet) is told as it is: no range would mend it.
    const label = `git could not read the range "${args.range}": `;
    if (!(error instanceof GitSessionError) || error.exitCode !== ExitCode.Git || !error.problem.startsWith(label)) throw error;
    const reason = error.problem.slice(label.length).replace(/\.$/, '');
    throw new GitSessionError(ExitCode.Git, `git cannot read the range "${args.range}"${reason ? ` (${reason})` : ''}.`, {
      fix: 'Name a range such as main..HEAD, or the branch you merge into: main.',
      cause: error,
    });
  }
  // Judged on the whole history of the range's end, as review judges it: a trailer naming
  // an item in force since before the range is a mention, and what the range reverted,
  // superseded or withdrew is never woven. Tree and trailers, each item once.
  const record = await readJudgedItems(h, parsed);
  const commits: LoggedCommit[] = [...listed].reverse().map((c) => ({
    sha: c.hash,
    subject: c.subject,
    trailers: (record.byCommit.get(c.hash) ?? [])
      .filter((i) => i.status === 'active')
      .map((i) => ({ key: i.kind === 'decision' ? config.trailers.decision : config.trailers.deadEnd, value: joinReason(i.text, i.reason) })),
  }));
  if (commits.length === 0) {
    throw new GitSessionError(ExitCode.Usage, `the range "${args.range}" has no commits.`, {
      fix: 'Name the branch you merge into (main) or a range such as main..feature.',
    });
  }
  const title = await branchName(repo.root, ctx.env, tip);
  return { stdout: renderSquashMessage({ title, commits, keys: config.trailers }) };
}
