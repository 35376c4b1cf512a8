import { git } from './git.js';
import { REPO_QUERY } from './repo-query.js';
import type { RepoLayout } from './repo-layout.js';
import { ExitCode, GitSessionError } from '../errors.js';

/** Where a repository lives, as git itself reports it. */
export interface RepoInfo extends RepoLayout {
  /** Absolute path where git looks for hooks (honours core.hooksPath and worktrees). */
  hooksDir: string;
}

/** Finds the repository containing `cwd`; throws a NotARepo error outside a work tree. */
export async function findRepo(cwd: string, env?: NodeJS.ProcessEnv): Promise<RepoInfo> {
  const result = await git(REPO_QUERY, { cwd, env, allowFailure: true });
  const [bare, inside, root, gitDir, commonDir, hooksDir, shallowFile] = result.stdout.split('\n');
  // In a bare repository (or inside .git) git prints the first answers, then fails at
  // --show-toplevel: read them before calling it "not a repository".
  const noWorkTree = bare === 'true' || inside === 'false';
  if (result.code !== 0 && !noWorkTree) {
    throw new GitSessionError(ExitCode.NotARepo, `${cwd} is not inside a git repository.`, {
      fix: "Run git-session inside a repository's work tree, or run `git init` first.",
    });
  }
  // A work tree named by GIT_WORK_TREE (or core.worktree) with the current folder outside it.
  if (result.code === 0 && bare === 'false' && inside === 'false' && root) {
    throw new GitSessionError(ExitCode.NotARepo, `${cwd} is outside the work tree git is pointed at (${root}, by GIT_WORK_TREE or core.worktree).`, {
      fix: `Run git-session from inside it: cd ${root}`,
    });
  }
  if (noWorkTree || inside !== 'true' || !root || !gitDir || !commonDir || !hooksDir || !shallowFile) {
    throw new GitSessionError(ExitCode.NotARepo, `${cwd} is a bare repository or a git dir, not a work tree.`, {
      fix: 'Run git-session in a checkout (a clone or `git worktree add`), where SESSION.md can live.',
    });
  }
  return { root, gitDir, commonDir, hooksDir, shallowFile };
}
