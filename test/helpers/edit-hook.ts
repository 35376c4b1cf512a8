import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TIMEOUT_MS, type TempRepo } from './repo.js';

/** The edit-time hook's command line, as `init` wrote it into .claude/settings.json. */
export function preToolUseCommand(r: TempRepo): string {
  const settings = JSON.parse(r.read('.claude/settings.json')) as { hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };
  return settings.hooks.PreToolUse!.find((g) => g.matcher === 'Read|Edit|MultiEdit|Write|NotebookEdit')!.hooks[0]!.command;
}

/** What Claude Code sends the hook before a Read of `filePath`. */
export function readInput(r: TempRepo, filePath: string, session: string, cwd = r.dir) {
  return { session_id: session, transcript_path: join(r.home, 't.jsonl'), cwd, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: filePath } };
}

/** Runs the hook as Claude Code does: through `sh -c`, the project in CLAUDE_PROJECT_DIR, the input on stdin. */
export function runHook(r: TempRepo, input: unknown, env: NodeJS.ProcessEnv = {}, project = r.dir) {
  const out = spawnSync('sh', ['-c', preToolUseCommand(r)], {
    cwd: project,
    env: { ...r.env, CLAUDE_PROJECT_DIR: project, ...env },
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  return { code: out.status, stdout: out.stdout ?? '', stderr: out.stderr ?? '' };
}

/** The context the hook returned, from its stdout. */
export function toldContext(out: { stdout: string }): string {
  return (JSON.parse(out.stdout) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
}
