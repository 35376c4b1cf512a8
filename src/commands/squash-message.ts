import type { CommandContext, CommandResult } from '../context.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { findRepo } from '../adapters/repo.js';
import { parseTrailerLog, renderSquashMessage, trailerLogFormat } from '../core/pipeline/squash.js';
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
  const out = await git(['log', '--reverse', `--format=${trailerLogFormat(config.trailers)}`, range, '--'], {
    cwd: repo.root,
    env: ctx.env,
    allowFailure: true,
  });
  if (out.code !== 0) {
    const reason = (out.stderr.trim().split('\n')[0] ?? '').replace(/^fatal: /, '');
    throw new GitSessionError(ExitCode.Git, `git cannot read the range "${args.range}"${reason ? ` (${reason})` : ''}.`, {
      fix: 'Name a range such as main..HEAD, or the branch you merge into: main.',
    });
  }
  const commits = parseTrailerLog(out.stdout);
  if (commits.length === 0) {
    throw new GitSessionError(ExitCode.Usage, `the range "${args.range}" has no commits.`, {
      fix: 'Name the branch you merge into (main) or a range such as main..feature.',
    });
  }
  const title = await branchName(repo.root, ctx.env, tip);
  return { stdout: renderSquashMessage({ title, commits, keys: config.trailers }) };
}
