/** The fields git-session uses from the JSON Claude Code passes a hook on stdin. */
export interface ClaudeHookInput {
  cwd?: string;
  /** SessionStart: startup, resume, clear or compact. */
  source?: string;
  /** PreCompact: manual or auto. */
  trigger?: string;
  /** Stop: true when the assistant is already continuing because of a Stop hook. */
  stopHookActive: boolean;
  transcriptPath?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses a hook's stdin; empty, invalid or unexpected input gives an input with nothing set. */
export function parseHookInput(text: string): ClaudeHookInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return {
    cwd: str(o.cwd),
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
