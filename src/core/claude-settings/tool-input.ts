import { jsonObject, str } from './hook-input.js';

/**
 * The fields the edit-time hooks use from the JSON an assistant passes before (Claude
 * Code's PreToolUse) or after (Gemini CLI's AfterTool) a tool call on a file.
 */
export interface ToolUseInput {
  sessionId?: string;
  /** Set in a subagent's calls (Claude Code): a subagent shares its parent's session id but not its conversation. */
  agentId?: string;
  cwd?: string;
  toolName?: string;
  /** The file the tool reads or writes, as given (absolute for Claude Code). */
  filePath?: string;
  /** Text an edit replaces: its place in the file names the lines touched. */
  oldStrings: string[];
  /** A read's first line (1-based) and line count. */
  offset?: number;
  limit?: number;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Parses a tool hook's stdin; empty or unexpected input gives an input with nothing set. */
export function parseToolUseInput(text: string): ToolUseInput {
  const o = jsonObject(text);
  const t = o.tool_input !== null && typeof o.tool_input === 'object' ? (o.tool_input as Record<string, unknown>) : {};
  const edits = Array.isArray(t.edits) ? t.edits : [];
  const oldStrings = [t.old_string, ...edits.map((e) => (e as Record<string, unknown> | null)?.old_string)].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  return {
    sessionId: str(o.session_id),
    agentId: str(o.agent_id),
    cwd: str(o.cwd),
    toolName: str(o.tool_name),
    filePath: str(t.file_path) ?? str(t.notebook_path) ?? str(t.absolute_path) ?? str(t.path),
    oldStrings,
    offset: num(t.offset),
    limit: num(t.limit),
  };
}

/** The 1-based lines of `fileText` the tool names (an edit's old text, a read's window), or undefined. */
export function touchedLines(input: ToolUseInput, fileText: string): { start: number; end: number } | undefined {
  const total = fileText === '' ? 0 : fileText.split('\n').length - (fileText.endsWith('\n') ? 1 : 0);
  if (total === 0) return undefined;
  let start = Infinity;
  let end = 0;
  for (const old of input.oldStrings) {
    const at = fileText.indexOf(old);
    if (at < 0) continue;
    const first = fileText.slice(0, at).split('\n').length;
    const last = first + old.replace(/\n$/, '').split('\n').length - 1;
    start = Math.min(start, first);
    end = Math.max(end, last);
  }
  if (end === 0 && input.limit !== undefined) {
    start = input.offset ?? 1;
    end = start + input.limit - 1;
  }
  if (end === 0 || start > total) return undefined;
  return { start, end: Math.min(end, total) };
}

/** The hook's stdout: context for the model, never a permission decision. */
export function toolHookOutput(event: 'PreToolUse' | 'AfterTool', context: string): string {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: event, additionalContext: context } }) + '\n';
}
