import { ensure, removedEverything, unensure, type Leaf } from './edit.js';
import { detectLayout, render } from './splice.js';

/** Where Claude Code reads project hooks, relative to the repository root. */
export const CLAUDE_SETTINGS_FILE = '.claude/settings.json';
/** Where Claude Code reads project MCP servers, relative to the repository root. */
export const MCP_JSON_FILE = '.mcp.json';

/** The Claude Code hook events git-session uses, with their matcher and hook name. */
export const CLAUDE_HOOKS = [
  { event: 'SessionStart', matcher: 'startup|resume|clear|compact', hook: 'claude-session-start' },
  { event: 'PreCompact', matcher: 'manual|auto', hook: 'claude-pre-compact' },
  { event: 'Stop', matcher: undefined, hook: 'claude-stop' },
  { event: 'PreToolUse', matcher: 'Read|Edit|MultiEdit|Write|NotebookEdit', hook: 'claude-pre-tool-use' },
] as const;

/** Where Gemini CLI reads project settings (hooks load only in a folder the user trusts). */
export const GEMINI_SETTINGS_FILE = '.gemini/settings.json';

/**
 * The Gemini CLI hook events git-session uses. The settings shape is Claude Code's;
 * a group without a matcher runs for every source (startup, resume, clear) or trigger.
 */
export const GEMINI_HOOKS = [
  { event: 'SessionStart', matcher: undefined, hook: 'gemini-session-start' },
  { event: 'PreCompress', matcher: undefined, hook: 'gemini-pre-compress' },
  // BeforeTool's output has no context field: the file's decisions come with the tool's result.
  { event: 'AfterTool', matcher: 'read_file|read_many_files|replace|write_file', hook: 'gemini-after-tool' },
] as const;

type HookSpec = (typeof CLAUDE_HOOKS)[number] | (typeof GEMINI_HOOKS)[number];
export type ClaudeHookName = HookSpec['hook'];

/**
 * The shell command Claude Code runs for a hook (with sh, in the project dir). Like
 * the git hooks, it prefers the project's own copy and falls back to PATH; when the
 * binary is missing it says so on stderr and exits 0 so the assistant is never blocked.
 */
// Gemini CLI sets CLAUDE_PROJECT_DIR too (for compatibility), and runs hooks in the project dir.
export function claudeHookCommand(hook: ClaudeHookName): string {
  return (
    'gs="${CLAUDE_PROJECT_DIR:-.}/node_modules/.bin/git-session"; [ -x "$gs" ] || gs=$(command -v git-session) || ' +
    `{ echo "git-session: not found, session hook skipped (fix: npm i -D git-session)" >&2; exit 0; }; "$gs" hook ${hook}`
  );
}

function group(hook: HookSpec): Record<string, unknown> {
  const hooks = [{ type: 'command', command: claudeHookCommand(hook.hook) }];
  return hook.matcher === undefined ? { hooks } : { matcher: hook.matcher, hooks };
}

/** A hook group is ours when one of its commands runs `git-session … hook <name>`. */
function isOurGroup(name: string): (value: unknown) => boolean {
  const pattern = new RegExp(`git-session\\b.*\\bhook ${name}\\b`);
  return (value) => {
    const hooks = (value as { hooks?: unknown } | null)?.hooks;
    return Array.isArray(hooks) && hooks.some((h) => typeof h?.command === 'string' && pattern.test(h.command));
  };
}

function hookLeaves(specs: readonly HookSpec[]): { path: string[]; leaf: Leaf }[] {
  return specs.map((h) => ({
    path: ['hooks', h.event],
    leaf: { kind: 'element', value: group(h), isOurs: isOurGroup(h.hook) },
  }));
}

function created(value: unknown, eol = '\n'): string {
  return render(value, '', { unit: '  ', eol }) + eol;
}

function isBlank(text: string | null): text is null {
  return text === null || text.replace(/^\uFEFF/, '').trim() === '';
}

/**
 * Adds git-session's hooks to the text of `.claude/settings.json` (null when the file
 * does not exist). Splices into the existing text: every other byte is kept. A hook
 * already present is left alone, so a second merge changes nothing.
 */
export function mergeClaudeSettings(existing: string | null): string {
  return mergeHooks(existing, CLAUDE_HOOKS, CLAUDE_SETTINGS_FILE);
}

/** The same for Gemini CLI's `.gemini/settings.json` (its SessionStart and PreCompress hooks). */
export function mergeGeminiSettings(existing: string | null): string {
  return mergeHooks(existing, GEMINI_HOOKS, GEMINI_SETTINGS_FILE);
}

function mergeHooks(existing: string | null, specs: readonly HookSpec[], file: string): string {
  if (isBlank(existing)) {
    const hooks: Record<string, unknown[]> = {};
    for (const h of specs) hooks[h.event] = [group(h)];
    return created({ hooks });
  }
  const layout = detectLayout(existing);
  let text = existing;
  for (const { path, leaf } of hookLeaves(specs)) text = ensure(text, path, leaf, file, layout);
  return text;
}

/**
 * Removes exactly what `mergeClaudeSettings` added. Returns null when the file holds
 * nothing else and was created by the merge: the caller deletes it.
 */
export function removeClaudeSettings(text: string): string | null {
  return removeHooks(text, CLAUDE_HOOKS, CLAUDE_SETTINGS_FILE);
}

/** Removes exactly what `mergeGeminiSettings` added; null when the file should be deleted. */
export function removeGeminiSettings(text: string): string | null {
  return removeHooks(text, GEMINI_HOOKS, GEMINI_SETTINGS_FILE);
}

function removeHooks(text: string, specs: readonly HookSpec[], file: string): string | null {
  if (isBlank(text)) return text;
  let out = text;
  for (const { path, leaf } of hookLeaves(specs).reverse()) out = unensure(out, path, leaf, file);
  return removedEverything(text, out) ? null : out;
}

/** The `.mcp.json` entry that starts `git session mcp` over stdio, from the project's copy or PATH. */
export function mcpServerEntry(): { command: string; args: string[] } {
  return {
    command: 'sh',
    args: ['-c', 'gs=node_modules/.bin/git-session; [ -x "$gs" ] || gs=git-session; exec "$gs" mcp'],
  };
}

/** The server name git-session registers under `mcpServers`. */
export const MCP_SERVER_NAME = 'git-session';

function isOurServer(value: unknown): boolean {
  const v = value as { command?: unknown; args?: unknown } | null;
  const words = [v?.command, ...(Array.isArray(v?.args) ? v.args : [])].filter((w) => typeof w === 'string').join(' ');
  return /git-session/.test(words) && /\bmcp\b/.test(words);
}

const MCP_LEAF: Leaf = { kind: 'member', key: MCP_SERVER_NAME, value: mcpServerEntry(), isOurs: isOurServer };

/** Adds the git-session server to the text of `.mcp.json` (null when missing); idempotent, splices like `mergeClaudeSettings`. */
export function mergeMcpJson(existing: string | null): string {
  if (isBlank(existing)) return created({ mcpServers: { [MCP_SERVER_NAME]: mcpServerEntry() } });
  return ensure(existing, ['mcpServers'], MCP_LEAF, MCP_JSON_FILE);
}

/** Removes exactly what `mergeMcpJson` added; null when the file should be deleted. */
export function removeMcpJson(text: string): string | null {
  if (isBlank(text)) return text;
  const out = unensure(text, ['mcpServers'], MCP_LEAF, MCP_JSON_FILE);
  return removedEverything(text, out) ? null : out;
}
