import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { findGitProcess, isAmending, readCommitState, type CommitState } from '../adapters/commit-state.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { openTerminal } from '../adapters/tty.js';
import type { PromptMode } from '../core/config.js';
import { ExitCode } from '../errors.js';
import { detectAssistant } from '../core/pipeline/agent.js';
import { assistantMessage, reminderLine, secretWarning, strictRefusal } from '../core/pipeline/messages.js';
import { parseNumstat } from '../core/pipeline/numstat.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { skipReason } from '../core/pipeline/skip.js';
import { assessStaleness, type Staleness } from '../core/pipeline/staleness.js';
import { planTrailers } from '../core/pipeline/trailer-plan.js';
import { writeCommitJournal } from './journal-step.js';
import { runMenu } from './menu.js';
import { sessionDelta, stagedBlob, summaryFor, type SessionDelta, type Where } from './session-data.js';
import { stagePaths } from './stage.js';
import { removeTrailerFile, writeTrailerFile } from './trailer-file.js';

function modeOf(env: NodeJS.ProcessEnv, configured: PromptMode): PromptMode {
  const v = env.GIT_SESSION_MODE?.toLowerCase();
  return v === 'off' || v === 'remind' || v === 'strict' ? v : configured;
}

function isCI(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

/**
 * The commit the staged tree is compared with: HEAD (named, not resolved: a first
 * commit simply finds nothing there), or on an amend HEAD's parent (the empty tree
 * when the amended commit is a root commit).
 */
async function baseRevision(cwd: string, env: NodeJS.ProcessEnv, amend: boolean): Promise<string> {
  if (!amend) return 'HEAD';
  const parent = await git(['rev-parse', '-q', '--verify', 'HEAD^{commit}^'], { cwd, env, allowFailure: true });
  if (parent.code === 0) return parent.stdout.trim();
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { cwd, env, input: '' })).stdout.trim();
}

async function commitsSince(cwd: string, env: NodeJS.ProcessEnv, file: string): Promise<number | undefined> {
  const last = await git(['log', '-1', '--format=%H', '--', file], { cwd, env, allowFailure: true });
  const sha = last.stdout.trim();
  const count = await git(['rev-list', '--count', sha ? `${sha}..HEAD` : 'HEAD'], { cwd, env, allowFailure: true });
  return count.code === 0 ? Number(count.stdout.trim()) : undefined;
}

async function editorCommand(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  // git exports GIT_EDITOR=: to hooks of a commit that opens no editor (-m, -F).
  const clean = { ...env };
  if (clean.GIT_EDITOR === ':') delete clean.GIT_EDITOR;
  const out = await git(['var', 'GIT_EDITOR'], { cwd, env: clean, allowFailure: true });
  return out.stdout.trim() || 'vi';
}

/**
 * pre-commit: everything that must land in the commit happens here, because index
 * changes made by later hooks stay behind. Checks whether the session file is stale
 * (and asks, reminds or refuses), appends the journal entry and stages it, and leaves
 * the new decisions and dead ends as trailers for prepare-commit-msg.
 */
export default async function preCommit(_args: string[], ctx: CommandContext): Promise<CommandResult> {
  const env = ctx.env;
  // Git runs hooks at the top of the work tree, so the settings can be read before
  // asking git anything, and the first git call can resolve the staged session file too.
  let config = loadConfig(ctx.cwd);
  const state: CommitState = await readCommitState(ctx.cwd, env, normalisePath(config.sessionFile));
  removeTrailerFile(state.trailersPath);
  if (skipReason(env, state.markers)) return {};

  const cwd = state.root;
  const moved = cwd !== ctx.cwd;
  if (moved) config = loadConfig(cwd);
  const mode = modeOf(env, config.prompt.mode);
  const sessionFile = normalisePath(config.sessionFile);
  const isJournal = journalMatcher(config.journal.path);
  const gitProcess = findGitProcess();
  const amend = isAmending(gitProcess);
  const base = await baseRevision(cwd, env, amend);
  const numstat = async () =>
    parseNumstat((await git(['diff', '--cached', '--numstat', '-z', ...(amend ? [base] : [])], { cwd, env })).stdout);

  let files = await numstat();
  // Nothing staged: leave git to say "nothing to commit" rather than commit a journal entry alone.
  if (!amend && !files.some((f) => !isJournal(f.path))) return {};

  const where: Where = { cwd, env, sessionFile, cachePath: state.cachePath };
  const stderr: string[] = [];
  let blob = moved || state.stagedBlob === null ? await stagedBlob(where) : state.stagedBlob;
  const updatedBy = (list: typeof files) => list.some((f) => normalisePath(f.path) === sessionFile);
  const assess = async (): Promise<Staleness> => {
    const updated = updatedBy(files);
    const keyFiles = !updated && blob ? (await summaryFor(where, blob)).keyFiles : [];
    return assessStaleness({ files, sessionFile, isJournal, keyFiles, threshold: config.prompt.threshold });
  };

  let delta: SessionDelta | undefined;
  try {
    let staleness = await assess();
    if (staleness.stale && mode !== 'off' && blob) {
      const assistant = detectAssistant(env);
      const term = assistant || isCI(env) ? undefined : openTerminal();
      if (term) {
        let changed = false;
        try {
          changed = await runMenu(term, {
            sessionPath: join(cwd, sessionFile),
            display: sessionFile,
            staleness,
            editor: () => editorCommand(cwd, env),
            env,
          });
        } finally {
          term.close();
        }
        if (changed) {
          await stagePaths([sessionFile], cwd, env);
          files = await numstat();
          blob = await stagedBlob(where);
          staleness = await assess();
        }
      }
      if (staleness.stale) {
        if (assistant) {
          const since = await commitsSince(cwd, env, sessionFile);
          stderr.push(assistantMessage({ assistant, sessionFile, staleness, commitsSince: since, mode }));
          if (mode === 'strict') return { stderr: stderr.join(''), exitCode: ExitCode.Refused };
        } else if (mode === 'strict') {
          return { stderr: `git-session: ${strictRefusal(sessionFile, staleness)}\n`, exitCode: ExitCode.Refused };
        } else if (!term) {
          stderr.push(reminderLine(sessionFile, staleness));
        }
      }
    }
    if (updatedBy(files) && blob) {
      delta = await sessionDelta(where, blob, base);
      if (delta.secretKinds.length > 0) {
        if (mode === 'strict') {
          return { stderr: `git-session: ${secretWarning(sessionFile, delta.secretKinds, true)}\n`, exitCode: ExitCode.Refused };
        }
        stderr.push(secretWarning(sessionFile, delta.secretKinds, false));
      }
    }
  } catch (error) {
    // A session file the parser refuses (bad front matter) must not stop the commit.
    stderr.push(`git-session: ${(error as Error).message.split('\n')[0]} (this commit records no session state)\n`);
    delta = undefined;
  }

  const summary = delta?.summary ?? (blob ? await summaryFor(where, blob).catch(() => undefined) : undefined);
  const decisions = delta?.decisions ?? [];
  const deadEnds = delta?.deadEnds ?? [];

  if (config.journal.enabled) {
    try {
      const journal = await writeCommitJournal({
        root: cwd,
        cwd,
        env,
        template: config.journal.path,
        now: ctx.now,
        branch: state.branch,
        goal: summary?.goal ?? null,
        status: summary?.status ?? null,
        decisions,
        deadEnds,
        files: files.filter((f) => !isJournal(f.path)),
        amend,
        changedPaths: files.map((f) => normalisePath(f.path)),
      });
      await stagePaths([journal], cwd, env);
    } catch (error) {
      stderr.push(`git-session: journal entry skipped: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }

  const trailers = planTrailers({ decisions, deadEnds, goal: summary?.goal ?? null, trailers: config.trailers });
  if (trailers.length > 0) writeTrailerFile(state.trailersPath, { gitPid: gitProcess?.pid ?? null, trailers });
  return stderr.length > 0 ? { stderr: stderr.join('') } : {};
}
