import { isFolder } from '../adapters/fs.js';
import type { CommandContext } from '../context.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { hookProjectDir, parseHookInput, type ClaudeHookInput } from '../core/claude-settings/hook-input.js';
import type { RepoDirs } from '../adapters/repo-layout.js';
import { optedInRepo } from '../adapters/opted-in.js';

/** How long a hook waits for Claude Code's JSON on stdin before going on without it. */
const STDIN_TIMEOUT_MS = 1_000;

/** Whether the bytes read so far already hold one whole JSON value (Claude Code sends one object). */
function complete(chunks: readonly Buffer[]): boolean {
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text.endsWith('}')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads stdin until it ends or holds a whole JSON object, giving up after a short
 * timeout (and at once on a terminal): a hook must never wait on anything, even on
 * a caller that writes its input and leaves the pipe open.
 */
export function readStdin(stream: NodeJS.ReadStream = process.stdin, timeoutMs = STDIN_TIMEOUT_MS): Promise<string> {
  if (stream.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', finish);
      stream.pause();
      stream.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer | string) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (complete(chunks)) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', finish);
  });
}


/**
 * The hook's input, the context to run commands in (cwd = the project root), and the
 * repository when it opted in (`.gitsession` at its root, see opted-in.ts). A
 * CLAUDE_PROJECT_DIR or input cwd that is not a folder (moved, deleted) is passed over.
 */
export async function hookSetup(ctx: CommandContext): Promise<{ input: ClaudeHookInput; ctx: CommandContext; optedIn: RepoDirs | undefined }> {
  const input = parseHookInput(await readStdin());
  const env = isFolder(ctx.env.CLAUDE_PROJECT_DIR ?? '') ? ctx.env : { ...ctx.env, CLAUDE_PROJECT_DIR: undefined };
  const usable = input.cwd === undefined || isFolder(input.cwd) ? input : { ...input, cwd: undefined };
  const cwd = hookProjectDir(env, usable, ctx.cwd);
  return { input, ctx: { ...ctx, cwd, stdoutIsTTY: false }, optedIn: optedInRepo(cwd) };
}

/** Outside a repository the assistant hooks have nothing to do: they stay silent. */
export function isNotARepo(error: unknown): boolean {
  return error instanceof GitSessionError && error.exitCode === ExitCode.NotARepo;
}
