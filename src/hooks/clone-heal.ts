import type { CommandResult } from '../context.js';
import { gitSettingsOf, type CommitSetting } from '../adapters/commit-facts.js';
import { applyCloneConfig, namesCloneConfig, privateFilterMisses } from '../adapters/clone-config.js';
import { git } from '../adapters/git.js';
import { everyIndex } from '../adapters/index-file.js';
import { lazy } from '../adapters/lazy.js';
import { ExitCode } from '../errors.js';
import { perCloneConfig } from '../core/clone/config.js';
import { normalisePath } from '../core/pipeline/paths.js';

/** Whether the commit stages the session file: the one case where a filter it lacks would let private text in. */
function stagesSessionFile(s: CommitSetting): boolean {
  return s.files.some((f) => normalisePath(f.path) === s.sessionFile);
}

/**
 * The per-clone config keys this clone lacks, where the repository's attributes name
 * them. The hook script's piped settings answer it with no git call; without them (an
 * amend, a hook line of an earlier version) git is asked only when the session file
 * is in the commit, the one case where a missing filter would let private text in.
 */
export async function missingCloneConfig(s: CommitSetting): Promise<readonly string[]> {
  if (s.gitSettings?.missingCloneConfig.length === 0) return [];
  if (!namesCloneConfig(s.root)) return [];
  if (!s.gitSettings && !s.amend && !stagesSessionFile(s)) return [];
  return (await gitSettingsOf(s)).missingCloneConfig;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/**
 * Runs the staged session file through this clone's filters again, now that they are
 * configured: git staged it before they were, so any private text went in raw. Only the
 * index entry changes; what the person has not staged stays unstaged.
 */
async function restageThroughFilter(s: CommitSetting): Promise<boolean> {
  const opts = { cwd: s.root, env: s.env };
  const entry = /^(\d+) ([0-9a-f]+) 0\t/.exec((await git(['ls-files', '-s', '--', s.sessionFile], opts)).stdout);
  if (!entry) return false;
  const staged = (await git(['cat-file', 'blob', entry[2]!], opts)).stdout;
  // --path: the attributes of the session file pick the filter, as `git add` would.
  const clean = (await git(['hash-object', '-w', '--stdin', `--path=${s.sessionFile}`], { ...opts, input: staged })).stdout.trim();
  if (clean === entry[2]) return false;
  await everyIndex(s.env, (e) => git(['update-index', '--cacheinfo', `${entry[1]},${clean},${s.sessionFile}`], { cwd: s.root, env: e }));
  return true;
}

/** Whether the staged session file holds private text (a `## Private` body, a `<!-- private -->` region). */
async function stagedPrivateText(s: CommitSetting): Promise<boolean> {
  const staged = await git(['cat-file', 'blob', `:${s.sessionFile}`], { cwd: s.root, env: s.env, allowFailure: true });
  if (staged.code !== 0) return false;
  const { hasPrivateText } = await lazy('private-filter', () => import('../core/session/private-filter.js'));
  return hasPrivateText(staged.stdout);
}

/**
 * A clone whose git config lacks the merge drivers or the private filter (`git session
 * setup` never ran: hooks installed some other way, or the config was removed) gets
 * them here, the same entries setup writes, and the staged session file goes through
 * the filter again so that this commit holds no private text either. When that fails,
 * the commit goes through with one line, unless the staged file holds private text:
 * then it is refused, because a commit cannot take text back once it is pushed.
 * `restaged` is true when the index changed.
 */
export async function healCloneConfig(s: CommitSetting, missing: readonly string[]): Promise<{ restaged: boolean; result: CommandResult }> {
  const entries = perCloneConfig();
  const fix = 'git session setup';
  try {
    await applyCloneConfig(s.root, { set: missing.map((key) => [key, entries[key]!] as [string, string]), unset: [] }, s.env);
    const restaged = await restageThroughFilter(s);
    const also = restaged ? `, and ${s.sessionFile} staged again through the filter, its private text left out` : '';
    return { restaged, result: { stderr: `git-session: this clone lacked its merge drivers and private filter: set them up as \`${fix}\` does${also}.\n` } };
  } catch (error) {
    const why = firstLine(error);
    if (await stagedPrivateText(s).catch(() => true)) {
      return {
        restaged: false,
        result: {
          stderr: `git-session: commit refused: ${s.sessionFile} holds private text and this clone has no private filter to keep it out (${why}). Fix: \`${fix}\`, then \`git add ${s.sessionFile}\` and commit again.\n`,
          exitCode: ExitCode.Refused,
        },
      };
    }
    return { restaged: false, result: { stderr: `git-session: this clone lacks its merge drivers and private filter, and setting them up failed (${why}). Fix: \`${fix}\`.\n` } };
  }
}

/**
 * A session file the private filter does not cover although the repository uses it
 * (`session.file` names a file `.gitattributes` does not, until init runs again): a
 * commit of it that holds private text is refused, one that holds none gets a line,
 * since its merges get no driver either. Asked only when the session file is staged.
 */
export async function uncoveredSessionFile(s: CommitSetting): Promise<CommandResult | undefined> {
  if (!stagesSessionFile(s)) return undefined;
  if (!(await privateFilterMisses(s.root, s.sessionFile, s.env))) return undefined;
  const fix = `\`git session init\` names ${s.sessionFile} in .gitattributes`;
  if (await stagedPrivateText(s).catch(() => true)) {
    return {
      stderr: `git-session: commit refused: ${s.sessionFile} holds private text, and .gitattributes gives it no private filter to keep it out. Fix: ${fix}; then \`git add ${s.sessionFile}\` and commit again.\n`,
      exitCode: ExitCode.Refused,
    };
  }
  return { stderr: `git-session: .gitattributes gives ${s.sessionFile} no private filter or merge driver (it names another session file). Fix: ${fix}.\n` };
}
