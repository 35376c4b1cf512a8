/**
 * Environment markers that coding assistants set in the shells they run commands in.
 * Only markers the assistants are known to set are listed; `GIT_SESSION_AGENT=1` lets
 * any other assistant (or its wrapper) identify itself.
 */
const MARKERS: readonly { name: string; test: (env: Readonly<Record<string, string | undefined>>) => boolean }[] = [
  { name: 'git-session agent', test: (env) => env.GIT_SESSION_AGENT === '1' },
  { name: 'Claude Code', test: (env) => env.CLAUDECODE === '1' },
  { name: 'Gemini CLI', test: (env) => env.GEMINI_CLI === '1' },
  { name: 'Codex', test: (env) => Boolean(env.CODEX_SANDBOX || env.CODEX_SANDBOX_NETWORK_DISABLED) },
];

/** The assistant that is committing, or undefined for a person (or an unknown tool). */
export function detectAssistant(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.GIT_SESSION_AGENT === '0') return undefined;
  return MARKERS.find((m) => m.test(env))?.name;
}
