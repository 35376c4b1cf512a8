import type { CommandContext, CommandResult } from '../context.js';
import { git } from '../adapters/git.js';
import { openHistory, readBlob, readCommits, type History } from '../adapters/history.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { shownSessionText } from '../core/redact/index.js';
import { sessionView } from '../core/report/session-view.js';
import { buildShow, renderShowJson, renderShowMarkdown } from '../core/report/show.js';
import type { CommitRecord } from '../core/report/types.js';

export interface ShowArgs {
  at?: string;
  format: 'md' | 'json';
}

/** Whether git reads `text` as a date (its expiry-date parser refuses what approxidate would take as "now"). */
async function isDate(text: string, h: History): Promise<boolean> {
  const r = await git(['-c', `git-session.at=${text}`, 'config', '--type=expiry-date', 'git-session.at'], { ...h.opts, allowFailure: true });
  return r.code === 0;
}

/** The commit `at` names: a revision if git knows one by that name, else the last commit before that date. */
async function resolveAt(at: string, h: History): Promise<CommitRecord> {
  const one = ['--max-count=1'];
  try {
    const [commit] = await readCommits(h.keys, { revArgs: [`${at}^{commit}`], filters: one, label: at }, h.opts);
    if (commit) return commit;
  } catch (error) {
    if (!(error instanceof GitSessionError) || /no commits yet/.test(error.message)) throw error;
  }
  // Not a revision. `~`, `^` and `@{` belong to revisions only (HEAD~50 past the root).
  if (/[~^]|@\{/.test(at)) {
    throw new GitSessionError(ExitCode.Git, `"${at}" is not a revision in this repository.`, {
      fix: 'Check it with `git rev-parse --verify "<rev>^{commit}"`; `git log --oneline` lists the commits.',
    });
  }
  // git reads any word as "now" in --before; its expiry-date parser says when a text is no date.
  if (!(await isDate(at, h))) {
    throw new GitSessionError(ExitCode.Git, `"${at}" is neither a revision nor a date git understands.`, {
      fix: 'Pass a commit, branch or tag (`git branch -a` lists them), or a date such as "2 weeks ago" or 2026-11-01.',
    });
  }
  // A date: git reads it (git's approxidate; we never parse dates).
  const [commit] = await readCommits(h.keys, { revArgs: ['HEAD'], filters: [...one, `--before=${at}`], label: at }, h.opts);
  if (!commit) {
    throw new GitSessionError(ExitCode.Git, `"${at}" is not a revision, and no commit on HEAD is older than that date.`, {
      fix: 'Pass a commit, branch or tag, or a date after the first commit\'s (`git log --reverse --format="%h %ad" | head -1` shows it).',
    });
  }
  return commit;
}

/** SESSION.md as it was at a commit or a moment. */
export async function show(args: ShowArgs, ctx: CommandContext): Promise<CommandResult> {
  const at = args.at ?? 'HEAD';
  if (at.trim() === '' || at.startsWith('-')) {
    throw new GitSessionError(ExitCode.Usage, `--at "${at}" is neither a revision nor a date.`, {
      fix: 'Pass a commit, branch or tag, or a date such as "yesterday" or 2026-11-01.',
    });
  }
  const h = await openHistory(ctx.cwd, ctx.env);
  const commit = await resolveAt(at, h);
  const file = h.config.sessionFile;
  const content = await readBlob(commit.hash, file, h.opts, `${file} at ${commit.short}`);
  if (content === undefined) {
    throw new GitSessionError(ExitCode.BadInput, `not in commit ${commit.short} (${commit.subject}).`, {
      file,
      fix:
        at === 'HEAD'
          ? `Start one with \`git session init\` (or set session.file in .gitsession to the file it is kept in); \`git log --format="%h %s" -- ${file}\` lists any commits that had it.`
          : 'Pick a later commit or date; `git log --format="%h %s" -- ' + file + '` lists the commits that changed it.',
    });
  }
  // The file as committed, but no report repeats a secret-looking span.
  const shown = await shownSessionText(content);
  if (args.format === 'md') return { stdout: renderShowMarkdown(commit, file, shown) };
  const report = buildShow(commit, file, shown, await committedView(content, file, commit.short));
  return { stdout: renderShowJson(report) };
}

/** The parts of a committed version; one committed mid-conflict has none to give, and cannot be mended there. */
async function committedView(content: string, file: string, short: string) {
  try {
    return await sessionView(content, `${file} at ${short}`);
  } catch (error) {
    if (!(error instanceof GitSessionError) || error.exitCode !== ExitCode.Conflicted) throw error;
    throw error.retold({
      fix: `It was committed that way: \`git session show --at ${short}\` prints it as committed; pick another commit or date for its parts.`,
    });
  }
}
