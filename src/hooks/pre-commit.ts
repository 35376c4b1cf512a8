import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { committerOf, gatherCommitFacts, readCommitSetting, restagedFiles, objectId, sessionAt, type CommitSetting } from '../adapters/commit-facts.js';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { forgetOwnedEdits, recordOwnedEdit, stageOwnedEdits } from '../adapters/owned-edits.js';
import { laterIndexEntry, restoreIndexEntry } from '../adapters/index-entry.js';
import { lockPath, withLock } from '../adapters/lock.js';
import { openTerminal } from '../adapters/tty.js';
import { git } from '../adapters/git.js';
import { ExitCode } from '../errors.js';
import { modeVariableNote, unknownSettingsNote } from '../core/config.js';
import { planCommit, type CommitFacts } from '../core/pipeline/commit-plan.js';
import { redactShown } from '../core/redact/index.js';
import { wantsMenu } from '../core/pipeline/policy/stale-action.js';
import { applyCommitPlan } from './apply-commit.js';
import { leaveShortcut } from './shortcut-step.js';
import { removeShortcut } from '../adapters/state-dir.js';
import { healCloneConfig, missingCloneConfig, uncoveredSessionFile } from './clone-heal.js';
import { runMenu } from './menu.js';
import { stagePaths } from './stage.js';
import { removeTrailerFiles, replanPath, writeReplan } from './trailer-file.js';
import { wovenLines } from '../core/pipeline/trailer-plan.js';

/**
 * pre-commit: everything that must land in the commit happens here, because index
 * changes made by later hooks stay behind. In order: read where the commit happens,
 * stage what git-session's own commands recorded, gather the facts, ask a person at a
 * terminal when the session file is stale, plan (pure), apply.
 */
export default async function preCommit(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const result = await recordCommit(args, ctx);
  // Every command the messages name must work as the person or assistant would type it.
  return result.stderr ? { ...result, stderr: withInvocation(result.stderr, invocation(ctx.env)) } : result;
}

async function recordCommit(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const setting = await readCommitSetting(args, ctx);
  if (!setting) return {};
  const result = await recordPlanned(setting, ctx);
  // A misspelt key or mode changes nothing: say so on every commit until it is fixed.
  // What they quote is shown as every output shows what it was given: cleaned, no secret
  // in it (a token pasted into the variable, or as a key of a cloned .gitsession).
  const mode = setting.env.GIT_SESSION_MODE;
  const shown = mode ? await redactShown(mode, {}) : mode;
  const said = [unknownSettingsNote(setting.config), modeVariableNote(setting.env, setting.config.prompt.mode, shown)].filter((n) => n !== undefined);
  const notes = await Promise.all(said.map((n) => redactShown(n, {})));
  // A commit with anything to say is not one the hook script can repeat without the binary.
  if (notes.length > 0) removeShortcut(setting.state.stateDir);
  return notes.length > 0 ? { ...result, stderr: `${notes.map((n) => `git-session: ${n}\n`).join('')}${result.stderr ?? ''}` } : result;
}

async function recordPlanned(setting: CommitSetting, ctx: CommandContext): Promise<CommandResult> {
  // Whatever an earlier commit left behind can never reach this one.
  removeTrailerFiles(setting.state.stateDir);
  // A clone that never ran setup: its merge drivers and private filter are set up here.
  const missing = await missingCloneConfig(setting);
  let notes = '';
  if (missing.length > 0) {
    const healed = await healCloneConfig(setting, missing);
    if (healed.result.exitCode !== undefined) return healed.result;
    if (healed.restaged) await refresh(setting);
    notes += healed.result.stderr ?? '';
  }
  const uncovered = await uncoveredSessionFile(setting);
  if (uncovered?.exitCode !== undefined) return uncovered;
  notes += uncovered?.stderr ?? '';
  const result = await recordSetting(setting, ctx);
  if (notes) removeShortcut(setting.state.stateDir);
  return notes ? { ...result, stderr: notes + (result.stderr ?? '') } : result;
}

async function recordSetting(setting: CommitSetting, ctx: CommandContext): Promise<CommandResult> {
  // Nothing staged: an `--allow-empty` marker commit, which stays empty, or one git turns
  // down ("no changes added"). Neither is the commit the recorded lines wait for. An amend
  // that leaves its commit empty (a marker reworded) stays empty too.
  const empty = setting.amend ? setting.files.length === 0 : !setting.files.some((f) => !setting.isJournal(f.path));
  if (empty) {
    // One that reuses another's message (`-C`) holds none of that commit's items: their trailers go.
    if (setting.reuse !== undefined) await replanReused(setting, setting.reuse);
    return {};
  }
  // The session file's entry as the hook found it (known from the piped queries): what a
  // refused commit puts back, so that nothing the hook staged outlives it.
  const key = `:${setting.sessionFile}`;
  const found = { blob: setting.state.revs[key], mode: setting.state.sessionMode };
  // `git commit <paths>` also installs the real index afterwards: what it held goes back there.
  const later = await laterIndexEntry(setting.root, setting.env, setting.sessionFile);
  const putBack = () => restoreIndexEntry(setting.root, setting.env, setting.sessionFile, found.blob, found.mode, later);
  let result: CommandResult;
  try {
    result = await stageAndRecord(setting, ctx);
  } catch (error) {
    // Strict mode refuses a commit the hook could not check; any other goes through
    // without what the hook staged (the record keeps it for the next commit).
    await putBack().catch(() => undefined);
    throw error;
  }
  if (result.exitCode !== ExitCode.Refused) forgetStaged(setting);
  else if (setting.state.revs[key] !== found.blob) await putBack();
  return result;
}

/** Leaves the replan of a commit that records nothing yet reuses a message: the trailers woven for that commit's items (all of ours, unread). */
async function replanReused(setting: CommitSetting, reuse: string): Promise<void> {
  const reused = await sessionAt(setting, reuse);
  writeReplan(replanPath(setting.state.stateDir, setting.env), reused ? wovenLines(reused, setting.config.trailers) : undefined);
}

async function stageAndRecord(setting: CommitSetting, ctx: CommandContext): Promise<CommandResult> {
  const { blob, ...owned } = await stageOwnedEdits(
    setting.root,
    setting.env,
    setting.state.stateDir,
    setting.sessionFile,
    setting.state.revs[`:${setting.sessionFile}`],
    setting.state.sessionMode,
  );
  if (owned.staged > 0) await refresh(setting, blob);

  let facts = await gatherCommitFacts(setting, committerOf(ctx.env), owned);
  if (!facts) return {};
  if (wantsMenu(facts.staleness.stale, facts.mode, facts.committer, facts.session.kind !== 'absent')) {
    const asked = await askAtTerminal(setting, facts);
    if ('aborted' in asked) return asked.aborted;
    facts = asked.facts;
  }
  const plan = planCommit(facts);
  const { entry, ...result } = await applyCommitPlan(plan, setting, ctx.now);
  // The next commit may need no node at all (see shortcut-step.ts), unless this one had anything to say.
  if (entry && !result.stderr && result.exitCode === undefined) await leaveShortcut(setting, facts, plan, entry);
  return result;
}

/**
 * Forgets what this commit staged of the commands' edits, under the session lock the
 * commands take to record: a `decide` while the commit ran keeps its lines for the next
 * commit. A lock that cannot be had costs only that care, not the commit.
 */
function forgetStaged(s: CommitSetting): void {
  const forget = () => forgetOwnedEdits(s.state.stateDir);
  try {
    withLock(lockPath(s.state.gitDir, 'session'), forget, { what: s.sessionFile });
  } catch {
    forget();
  }
}

/** After the hook staged something: the staged files and session blob again (the blob asked of git only when not known). */
async function refresh(s: CommitSetting, blob?: string): Promise<void> {
  const [files, id] = await Promise.all([restagedFiles(s), blob ?? objectId(s.root, s.env, `:${s.sessionFile}`)]);
  s.files = files;
  s.state.revs[`:${s.sessionFile}`] = id;
}

async function editorCommand(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  // git exports GIT_EDITOR=: to hooks of a commit that opens no editor (-m, -F).
  const clean = { ...env };
  if (clean.GIT_EDITOR === ':') delete clean.GIT_EDITOR;
  const out = await git(['var', 'GIT_EDITOR'], { cwd, env: clean, allowFailure: true });
  return out.stdout.trim() || 'vi';
}

/**
 * The one-keystroke menu, before planning: what the person records goes into this
 * commit. Without a terminal that opens (a GUI, an IDE) nobody is asked, and the
 * plan treats the commit as unattended.
 */
async function askAtTerminal(s: CommitSetting, facts: CommitFacts): Promise<{ facts: CommitFacts } | { aborted: CommandResult }> {
  const term = openTerminal();
  if (!term) return { facts: { ...facts, committer: { kind: 'unattended' } } };
  let menu = { changed: false, opened: false, aborted: false };
  try {
    menu = await runMenu(term, {
      sessionPath: join(s.root, s.sessionFile),
      root: s.root,
      display: s.sessionFile,
      staleness: facts.staleness,
      editor: () => editorCommand(s.root, s.env),
      env: s.env,
      recorded: (before, after) => recordOwnedEdit(s.state.stateDir, s.sessionFile, before, after),
      locked: (edit) => withLock(lockPath(s.state.gitDir, 'session'), edit, { what: s.sessionFile }),
    });
  } finally {
    term.close();
  }
  if (menu.aborted) {
    const kept = menu.changed ? `; what you recorded stays in ${s.sessionFile}, not staged` : '';
    return { aborted: { stderr: `git-session: commit aborted (Ctrl-C)${kept}.\n`, exitCode: ExitCode.Refused } };
  }
  if (!menu.changed) return { facts };
  // What the menu spliced is staged like any command's edit; a file the person opened
  // and edited in the middle of their commit is theirs, and staged whole.
  if (menu.opened) await stagePaths([s.sessionFile], s.root, s.env);
  else await stageOwnedEdits(s.root, s.env, s.state.stateDir, s.sessionFile);
  await refresh(s);
  return { facts: (await gatherCommitFacts(s, { kind: 'person' }, facts.owned)) ?? facts };
}
