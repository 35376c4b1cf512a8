// The `git-session` CLI, built as one CommonJS file (dist/main.cjs, loaded by
// src/cli/bin.ts; see scripts/build.mjs). Git hooks start it on every commit, so
// `hook` and `--version` are dispatched before cac or any command module is loaded;
// every import() below reaches an ES module that is loaded only when it is needed.
import { writeSync } from 'node:fs';
import { ExitCode } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

declare const __VERSION__: string;

function context(): CommandContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    now: new Date(),
    // Asked only when needed: creating process.stdout costs a commit hook ~1 ms.
    get stdoutIsTTY() {
      return Boolean(process.stdout.isTTY);
    },
  };
}

/** A hook's few lines, written straight to the descriptors: no stream objects to build on every commit. */
function emitHook(result: CommandResult): void {
  const write = (fd: 1 | 2, text: string | undefined) => {
    if (!text) return;
    try {
      writeSync(fd, text);
    } catch {
      // A non-blocking descriptor that is full (EAGAIN): let the stream queue it.
      (fd === 1 ? process.stdout : process.stderr).write(text);
    }
  };
  write(1, result.stdout);
  write(2, result.stderr);
  if (result.exitCode !== undefined) process.exitCode = result.exitCode;
}

function emit(result: CommandResult | void): void {
  if (!result) return;
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.exitCode !== undefined) process.exitCode = result.exitCode;
}

async function main(argv: string[]): Promise<void> {
  const first = argv[0];
  if (first === '--version' || first === '-v' || first === '-V') {
    process.stdout.write(`git-session ${__VERSION__}\n`);
    return;
  }
  if (first === 'hook') {
    const { runHook } = await import('../hooks/run-hook.js');
    emitHook(await runHook(argv.slice(1), context()));
    return;
  }
  const { runCli } = await import('./program.js');
  emit(await runCli(argv, context(), __VERSION__));
}

/**
 * A GitSessionError, told by its shape: one thrown by a command comes from the ES
 * module build, whose class is not the one bundled here, so instanceof fails.
 */
function userError(error: unknown): { message: string; exitCode: number } | undefined {
  if (!(error instanceof Error) || error.name !== 'GitSessionError') return undefined;
  const exitCode = (error as Error & { exitCode?: unknown }).exitCode;
  return typeof exitCode === 'number' ? { message: error.message, exitCode } : undefined;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = userError(error);
  if (known) {
    process.stderr.write(`git-session: ${known.message}\n`);
    process.exitCode = known.exitCode;
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`git-session: internal error: ${message}\n`);
  process.exitCode = ExitCode.Internal;
});
