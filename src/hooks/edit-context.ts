import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { readStdin } from './claude-input.js';
import { loadEditIndex } from '../adapters/edit-index.js';
import { takenOut } from '../adapters/taken-out.js';
import { optedInRepo } from '../adapters/opted-in.js';
import type { RepoDirs } from '../adapters/repo-layout.js';
import { rememberElsewhere, rememberTold, toldBefore } from '../adapters/told-state.js';
import { repoPathOf } from '../adapters/repo-path.js';
import { decisionsForPath, noLongerInForce, retiredNote } from '../core/history/edit-index.js';
import { parseToolUseInput, toolHookOutput, touchedLines, type ToolUseInput } from '../core/claude-settings/tool-input.js';
import { sanitiseText } from '../core/text/sanitise.js';
import { shownPath } from '../core/text/shown-path.js';

/** A build of the index runs in the hook's own process this long at most, then in a detached one. */
const HAND_OFF_MS = 1_000;
/** After this long the hook stops waiting for the index and lets the tool call go on with nothing added. */
const GIVE_UP_MS = 7_000;
/** Whatever else holds the hook (a git that hangs), it exits this long after that: 8 s in all. */
const EXIT_MARGIN_MS = 1_000;

/** The commits that last changed the touched lines, from one `git blame --porcelain` (none when it fails). */
async function blamed(dirs: RepoDirs, path: string, input: ToolUseInput, env: NodeJS.ProcessEnv): Promise<Set<string>> {
  if (input.oldStrings.length === 0 && input.limit === undefined) return new Set();
  let text: string;
  try {
    text = readFileSync(join(dirs.root, path), 'utf8');
  } catch {
    return new Set();
  }
  const lines = touchedLines(input, text);
  if (!lines) return new Set();
  const { git } = await import('../adapters/git.js');
  const r = await git(['blame', '--porcelain', `-L${lines.start},${lines.end}`, '--', path], { cwd: dirs.root, env, allowFailure: true });
  const out = new Set<string>();
  if (r.code !== 0) return out;
  for (const m of r.stdout.matchAll(/^([0-9a-f]{40,64}) \d+ \d+/gm)) out.add(m[1]!);
  return out;
}

/**
 * Where to look for the repository the tool's file is in: the file's own folder (the
 * nearest that exists, for a file not written yet), so that a file of a repository or
 * worktree nested in the project is read against its own history. A session started in
 * a parent folder of the repository, or in the main checkout while the file is in a
 * linked worktree below it, was otherwise told nothing.
 */
function repositoryOf(file: string, project: string): string {
  let dir = dirname(file);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) return project;
    dir = up;
  }
  return dir;
}

// A name that could hold a secret: a long run of token characters, or an assignment.
const TOKEN_LIKE = /[A-Za-z0-9_+/-]{16,}|[=:@]/;

/**
 * A file name as the assistant is shown it: a secret in it redacted, on one line (see
 * shownPath). The secret rules load only for a name that could hold one: loading them
 * cost every call to the hook a few milliseconds.
 */
async function shown(path: string): Promise<string> {
  // Both readings, as the redaction takes them: cleaning can join runs a control character split.
  if (!TOKEN_LIKE.test(path) && !TOKEN_LIKE.test(sanitiseText(path, { multiline: true }))) return shownPath(path);
  const { redactedPath } = await import('../core/redact/index.js');
  return redactedPath(path);
}

/**
 * Whose conversation a call is told in: the session's, or a subagent's within it. A
 * subagent gets its parent's session id (and its own agent id) but a context of its
 * own, thrown away when it returns: what it was told, the agent that edits next was not.
 */
function conversationOf(input: ToolUseInput): string | undefined {
  if (input.sessionId === undefined) return undefined;
  return input.agentId === undefined ? input.sessionId : `${input.sessionId}/${input.agentId}`;
}

/**
 * The hook's times. For tests only, like git's `GIT_TEST_*` variables:
 * `GIT_SESSION_TEST_EDIT_TIMES=<hand-off ms>,<give-up ms>` replaces them, so a test
 * sees a hand-off without a history that takes seconds to read, and
 * `GIT_SESSION_TEST_EDIT_UNITS=<n>` hands off after n units of work instead, so the
 * hand-off falls in the middle of a build however fast the machine is.
 */
function times(env: NodeJS.ProcessEnv): { handOffMs: number; giveUpMs: number; handOffUnits?: number } {
  const m = /^(\d+),(\d+)$/.exec(env.GIT_SESSION_TEST_EDIT_TIMES ?? '');
  const units = /^\d+$/.test(env.GIT_SESSION_TEST_EDIT_UNITS ?? '') ? { handOffUnits: Number(env.GIT_SESSION_TEST_EDIT_UNITS) } : {};
  return { ...(m ? { handOffMs: Number(m[1]), giveUpMs: Number(m[2]) } : { handOffMs: HAND_OFF_MS, giveUpMs: GIVE_UP_MS }), ...units };
}

/**
 * The edit-time delivery shared by Claude Code's PreToolUse and Gemini CLI's
 * AfterTool: for the file the tool touches, the decisions and dead ends still in
 * force, within the budget, told once per assistant session unless what there is to
 * tell changed. Says nothing when there is nothing to say or the repository never
 * ran `init`; never blocks or alters the tool call; gives up silently after a few seconds.
 */
export async function editContext(base: CommandContext, event: 'PreToolUse' | 'AfterTool'): Promise<CommandResult> {
  const input = parseToolUseInput(await readStdin());
  if (!input.filePath) return {};
  const opened = base.env.CLAUDE_PROJECT_DIR || input.cwd || base.cwd;
  const project = repositoryOf(resolve(input.cwd ?? opened, input.filePath), opened);
  // Hooks in a user-level settings file reach every repository: one that never ran
  // `init` gets no context and no index or told-state under its git dir.
  if (!optedInRepo(project)) return {};
  // Counted from the process's start: the assistant waits for Node's start-up too.
  const start = Date.now() - process.uptime() * 1000;
  const limits = times(base.env);
  // Fail open: nothing may hold the assistant past the deadline. A build that runs
  // long is handed to a detached process (see ensure-edit-index.ts), so a later call
  // finds the index ready; this is the backstop for anything else that hangs.
  const timer = setTimeout(() => process.exit(0), start + Math.max(limits.handOffMs, limits.giveUpMs) + EXIT_MARGIN_MS - Date.now());
  timer.unref();
  try {
    const loaded = await loadEditIndex(project, base.env, {
      start,
      ...limits,
      builder: [process.execPath, process.argv[1]!, 'hook', 'edit-index'],
    });
    if (!loaded) return {};
    const { dirs, index } = loaded;
    const path = repoPathOf(dirs.root, input.cwd ?? project, input.filePath);
    if (path === undefined) return {};
    const conversation = conversationOf(input);
    const told = toldBefore(dirs, conversation, path);
    // A file never told about, with nothing recorded for it: nothing to read or say.
    if (!index.files[path] && told === undefined) return {};
    const [lines, label, gone] = await Promise.all([blamed(dirs, path, input, base.env), shown(path), takenOut(dirs, index)]);
    const found = decisionsForPath(index, path, index.budget, lines, label, gone);
    const fingerprint = found?.fingerprint ?? '';
    if (told === fingerprint || (!found && !told)) return {};
    // What the conversation was told and is no longer in force is taken back, or it stays in its context as if it were.
    const retired = told ? noLongerInForce(index, told, gone) : [];
    // A call beside this one (the assistant's tool calls run in parallel) told it already.
    // A file of another repository than the project's (nested in it, a linked worktree):
    // the project's compaction hooks must know to forget it there too, before it is told.
    const home = optedInRepo(resolve(opened));
    if (home) rememberElsewhere(home, input.sessionId, dirs.gitDir);
    if (!rememberTold(dirs, conversation, path, fingerprint)) return {};
    const text = [found?.text, retired.length > 0 ? retiredNote(label, retired) : undefined].filter((t) => t !== undefined).join('\n\n');
    return text === '' ? {} : { stdout: toolHookOutput(event, text) };
  } finally {
    clearTimeout(timer);
  }
}
