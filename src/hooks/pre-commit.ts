import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { findGitProcess, isAmending, readCommitState, type CommitState } from '../adapters/commit-state.js';
import { preflightState, readPreflight } from '../adapters/preflight-input.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { commitsSince, lastChange } from '../adapters/git-facts.js';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { openTerminal } from '../adapters/tty.js';
import type { PromptMode } from '../core/config.js';
import { ExitCode } from '../errors.js';
import { detectAssistant } from '../core/pipeline/agent.js';
import { assistantMessage, reminderLine, secretWarning, strictRefusal } from '../core/pipeline/messages.js';
import { parseNumstat } from '../core/pipeline/numstat.js';
import { PREFLIGHT_FLAG, STAGE_PREFIX } from '../core/pipeline/preflight.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { skipReason } from '../core/pipeline/skip.js';
import { assessStaleness, type Staleness } from '../core/pipeline/staleness.js';
import { capTrailers, planTrailers } from '../core/pipeline/trailer-plan.js';
import { writeCommitJournal } from './journal-step.js';
import { runMenu } from './menu.js';
import { sessionDelta, summaryFor, type SessionDelta, type Where } from './session-data.js';
import { shellCanStage, stagePaths } from './stage.js';
import { handOffPath, removeTrailerFiles, writeTrailerFile } from './trailer-file.js';

function modeOf(env: NodeJS.ProcessEnv, configured: PromptMode): PromptMode {
  const v = env.GIT_SESSION_MODE?.toLowerCase();
  return v === 'off' || v === 'remind' || v === 'strict' ? v : configured;
}

function isCI(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

/**
 * The tree the staged one is compared with on an amend: HEAD's parent, or the empty
 * tree when the amended commit is a root commit.
 */
async function amendBase(cwd: string, env: NodeJS.ProcessEnv, parent: string | undefined): Promise<string> {
  if (parent) return parent;
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { cwd, env, input: '' })).stdout.trim();
}

/** The object id `rev` names (`:SESSION.md` is the staged blob), or undefined when it names none. */
async function objectId(cwd: string, env: NodeJS.ProcessEnv, rev: string): Promise<string | undefined> {
  const out = await git(['rev-parse', '-q', '--verify', rev], { cwd, env, allowFailure: true });
  return out.code === 0 ? out.stdout.trim() : undefined;
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
export default async function preCommit(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const result = await recordCommit(args, ctx);
  // Every command the messages name must work as the person or assistant would type it.
  return result.stderr ? { ...result, stderr: withInvocation(result.stderr, invocation(ctx.env)) } : result;
}

async function recordCommit(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const env = ctx.env;
  // Git runs hooks at the top of the work tree, so the settings can be read before
  // asking git anything, and the first git call can resolve the staged session file too.
  let config = loadConfig(ctx.cwd);
  const amend = isAmending(findGitProcess());
  // One git call for the layout, HEAD, and the staged and base session file blobs.
  const staged = `:${normalisePath(config.sessionFile)}`;
  const parent = amend ? 'HEAD^' : 'HEAD';
  const baseFile = `${parent}:${normalisePath(config.sessionFile)}`;
  // The hook line's pipe has already asked git for a new commit's layout and changes.
  // Only a line that says so is read: a hook manager may hand over a stdin that never ends.
  const piped = amend || !args.includes(PREFLIGHT_FLAG) ? undefined : readPreflight();
  const state: CommitState =
    (piped && preflightState(piped, normalisePath(config.sessionFile))) ??
    (await readCommitState(ctx.cwd, env, ['HEAD', staged, ...(amend ? [parent] : []), baseFile]));
  removeTrailerFiles(state.stateDir);
  if (skipReason(env, state.markers)) return {};

  const cwd = state.root;
  if (cwd !== ctx.cwd) config = loadConfig(cwd);
  const mode = modeOf(env, config.prompt.mode);
  const sessionFile = normalisePath(config.sessionFile);
  // A session file named differently in the settings at the top: resolve it again.
  const moved = `:${sessionFile}` !== staged;
  const isJournal = journalMatcher(config.journal.path);
  const base = amend ? await amendBase(cwd, env, state.revs[parent]) : 'HEAD';
  const numstat = async () =>
    parseNumstat((await git(['diff', '--cached', '--numstat', '-z', ...(amend ? [base] : [])], { cwd, env })).stdout);

  let files = piped ? parseNumstat(piped.numstat) : await numstat();
  // Nothing staged: leave git to say "nothing to commit" rather than commit a journal entry alone.
  if (!amend && !files.some((f) => !isJournal(f.path))) return {};

  const where: Where = { cwd, env, sessionFile, cachePath: state.cachePath };
  const stderr: string[] = [];
  let blob = moved ? await objectId(cwd, env, `:${sessionFile}`) : state.revs[staged];
  const baseBlob = async () => (moved ? await objectId(cwd, env, `${base}:${sessionFile}`) : state.revs[baseFile]);
  const updatedBy = (list: typeof files) => list.some((f) => normalisePath(f.path) === sessionFile);
  const assess = async (): Promise<Staleness> => {
    const updated = updatedBy(files);
    const keyFiles = !updated && blob ? (await summaryFor(where, blob)).keyFiles : [];
    return assessStaleness({ files, sessionFile, isJournal, keyFiles, threshold: config.prompt.threshold });
  };

  let delta: SessionDelta | undefined;
  // Set when the session file could not be read: it is not parsed a second time.
  let unreadable = false;
  try {
    let staleness = await assess();
    if (staleness.stale && mode !== 'off' && blob) {
      const assistant = detectAssistant(env);
      const term = assistant || isCI(env) ? undefined : openTerminal();
      if (term) {
        let menu = { changed: false, aborted: false };
        try {
          menu = await runMenu(term, {
            sessionPath: join(cwd, sessionFile),
            root: cwd,
            display: sessionFile,
            staleness,
            editor: () => editorCommand(cwd, env),
            env,
          });
        } finally {
          term.close();
        }
        if (menu.aborted) {
          const kept = menu.changed ? `; what you recorded stays in ${sessionFile}, not staged` : '';
          return { stderr: `git-session: commit aborted (Ctrl-C)${kept}.\n`, exitCode: ExitCode.Refused };
        }
        if (menu.changed) {
          await stagePaths([sessionFile], cwd, env);
          files = await numstat();
          blob = await objectId(cwd, env, `:${sessionFile}`);
          staleness = await assess();
        }
      }
      if (staleness.stale) {
        if (assistant) {
          const since = await commitsSince((await lastChange(sessionFile, { cwd, env }))?.hash ?? null, { cwd, env });
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
      delta = await sessionDelta(where, blob, await baseBlob());
      // Once committed, a secret stays in history: refuse to add one (unless prompts are
      // off); strict refuses while any is left. Trailers and the journal get redacted text.
      const refused = mode === 'strict' ? delta.secretKinds : mode === 'off' ? [] : delta.newSecretKinds;
      if (refused.length > 0) {
        return { stderr: `git-session: ${secretWarning(sessionFile, refused, true)}\n`, exitCode: ExitCode.Refused };
      }
      if (delta.secretKinds.length > 0) stderr.push(secretWarning(sessionFile, delta.secretKinds, false));
    }
  } catch (error) {
    // A session file the parser refuses (bad front matter) must not stop the commit.
    stderr.push(`git-session: ${(error as Error).message.split('\n')[0]} (this commit records no session state)\n`);
    delta = undefined;
    unreadable = true;
  }

  const summary = delta?.summary ?? (blob && !unreadable ? await summaryFor(where, blob).catch(() => undefined) : undefined);
  const decisions = delta?.decisions ?? [];
  const deadEnds = delta?.deadEnds ?? [];

  // Set when the hook line stages the journal entry from sh (it reads this from stdout).
  let stageLine: string | undefined;
  if (config.journal.enabled) {
    try {
      const journal = await writeCommitJournal({
        root: cwd,
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
        lastEntryPath: state.lastEntryPath,
        head: state.revs.HEAD,
      });
      if (piped && shellCanStage(journal, env)) stageLine = `${STAGE_PREFIX}${journal}\n`;
      else await stagePaths([journal], cwd, env);
    } catch (error) {
      stderr.push(`git-session: journal entry skipped: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }

  const planned = planTrailers({ decisions, deadEnds, goal: summary?.goal ?? null, trailers: config.trailers });
  const { kept: trailers, omitted } = capTrailers(planned);
  if (omitted > 0) {
    stderr.push(`git-session: ${omitted} more decisions and dead ends are in the journal entry only (a message carries at most ${trailers.length}).\n`);
  }
  if (trailers.length > 0) writeTrailerFile(handOffPath(state.stateDir, env), trailers);
  return { ...(stageLine ? { stdout: stageLine } : {}), ...(stderr.length > 0 ? { stderr: stderr.join('') } : {}) };
}
