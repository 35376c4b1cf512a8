import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { readStdin } from './claude-input.js';
import { loadEditIndex } from '../adapters/edit-index.js';
import { findRepoDirs, readState, statePathOf, writeState, type RepoDirs } from '../adapters/edit-state.js';
import { repoPathOf } from '../adapters/repo-path.js';
import { decisionsForPath } from '../core/history/edit-index.js';
import { parseToolUseInput, toolHookOutput, touchedLines, type ToolUseInput } from '../core/claude-settings/tool-input.js';

/** After this long the hook gives up and lets the tool call go on with nothing added. */
const TIMEOUT_MS = 8_000;
/** A background build younger than this is left to finish rather than started again. */
const BUILD_GRACE_MS = 120_000;
/** Sessions remembered in the told-state; older ones are dropped. */
const SESSIONS_KEPT = 32;

type Told = { sessions: Record<string, Record<string, string>> };

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

/** Starts `git-session hook edit-index` detached, unless one started recently. */
function buildInBackground(project: string, env: NodeJS.ProcessEnv): void {
  const dirs = findRepoDirs(project);
  if (!dirs) return;
  const marker = statePathOf(dirs, 'editIndexBuilding');
  try {
    if (Date.now() - statSync(marker).mtimeMs < BUILD_GRACE_MS) return;
  } catch {
    // No build under way.
  }
  writeState(marker, { pid: process.pid });
  try {
    spawn(process.execPath, [process.argv[1]!, 'hook', 'edit-index'], { cwd: dirs.root, env, detached: true, stdio: 'ignore' }).unref();
  } catch {
    // Only speed is lost: the next call builds it again.
  }
}

/** Whether this session was already told exactly this about the file; records it when not. */
function alreadyTold(dirs: RepoDirs, session: string | undefined, path: string, fingerprint: string): boolean {
  if (session === undefined) return false;
  const file = statePathOf(dirs, 'told');
  const told = readState<Told>(file) ?? { sessions: {} };
  const sessions = told.sessions && typeof told.sessions === 'object' ? told.sessions : {};
  const mine = sessions[session] ?? {};
  if (mine[path] === fingerprint) return true;
  delete sessions[session];
  const kept = Object.entries(sessions).slice(-(SESSIONS_KEPT - 1));
  writeState(file, { sessions: Object.fromEntries([...kept, [session, { ...mine, [path]: fingerprint }]]) });
  return false;
}

/**
 * The edit-time delivery shared by Claude Code's PreToolUse and Gemini CLI's
 * AfterTool: for the file the tool touches, the decisions and dead ends still in
 * force, within the budget, told once per assistant session unless what there is to
 * tell changed. Says nothing when there is nothing to say; never blocks or alters
 * the tool call; gives up silently after a few seconds.
 */
export async function editContext(base: CommandContext, event: 'PreToolUse' | 'AfterTool'): Promise<CommandResult> {
  const input = parseToolUseInput(await readStdin());
  if (!input.filePath) return {};
  const project = base.env.CLAUDE_PROJECT_DIR || input.cwd || base.cwd;
  // Fail open: a first build on a long history must never hold the assistant. It goes
  // on in a detached process, so a later call finds the index ready.
  const timer = setTimeout(() => {
    buildInBackground(project, base.env);
    process.exit(0);
  }, TIMEOUT_MS);
  timer.unref();
  const loaded = await loadEditIndex(project, base.env);
  if (!loaded) return {};
  const { dirs, index } = loaded;
  const path = repoPathOf(dirs.root, input.cwd ?? project, input.filePath);
  if (path === undefined || !index.files[path]) return {};
  const found = decisionsForPath(index, path, index.budget, await blamed(dirs, path, input, base.env));
  if (!found || alreadyTold(dirs, input.sessionId, path, found.fingerprint)) return {};
  return { stdout: toolHookOutput(event, found.text) };
}
