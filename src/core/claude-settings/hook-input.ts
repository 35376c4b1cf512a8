/** The fields git-session uses from the JSON Claude Code passes a hook on stdin. */
export interface ClaudeHookInput {
  cwd?: string;
  /** Kept across a compaction: the same id before and after. */
  sessionId?: string;
  /** SessionStart: startup, resume, clear or compact. */
  source?: string;
  /** PreCompact: manual or auto. */
  trigger?: string;
  /** Stop: true when the assistant is already continuing because of a Stop hook. */
  stopHookActive: boolean;
  transcriptPath?: string;
}

/** A non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The JSON object a hook receives on stdin; {} for empty, invalid or non-object input. */
export function jsonObject(text: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** Parses a hook's stdin; empty, invalid or unexpected input gives an input with nothing set. */
export function parseHookInput(text: string): ClaudeHookInput {
  const o = jsonObject(text);
  return {
    cwd: str(o.cwd),
    sessionId: str(o.session_id),
    source: str(o.source),
    trigger: str(o.trigger),
    stopHookActive: o.stop_hook_active === true,
    transcriptPath: str(o.transcript_path),
  };
}

/** The project root a hook works in: CLAUDE_PROJECT_DIR, else the input's cwd, else the process's. */
export function hookProjectDir(env: Readonly<Record<string, string | undefined>>, input: ClaudeHookInput, cwd: string): string {
  return str(env.CLAUDE_PROJECT_DIR) ?? input.cwd ?? cwd;
}
