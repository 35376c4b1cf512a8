#!/usr/bin/env node
// Entry point of the `git-session` binary. It stays tiny on purpose: git hooks start
// it on every commit, so `hook` and `--version` are dispatched before cac or any
// command module is loaded.
import { ExitCode, GitSessionError } from '../errors.js';
import type { CommandContext, CommandResult } from './context.js';

declare const __VERSION__: string;

function context(): CommandContext {
  return { cwd: process.cwd(), env: process.env, now: new Date(), stdoutIsTTY: Boolean(process.stdout.isTTY) };
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
    emit(await runHook(argv.slice(1), context()));
    return;
  }
  const { runCli } = await import('./program.js');
  emit(await runCli(argv, context(), __VERSION__));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof GitSessionError) {
    process.stderr.write(`git-session: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`git-session: internal error: ${message}\n`);
  process.exitCode = ExitCode.Internal;
});
