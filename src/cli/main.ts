// The `git-session` CLI, built as one CommonJS file (dist/main.cjs, loaded by
// src/cli/bin.ts; see scripts/build.mjs). Git hooks start it on every commit, so
// `hook` and `--version` are dispatched before cac or any command module is loaded;
// every import() below reaches an ES module that is loaded only when it is needed.
import { readFileSync, writeSync } from 'node:fs';
import { ExitCode } from '../errors.js';
import { sanitiseJsonText, sanitiseOutput, sanitiseText } from '../core/text/sanitise.js';
import type { CommandContext, CommandResult } from '../context.js';
import { writeStdout } from './stdout.js';

declare const __VERSION__: string;

/**
 * The time commands see: now, or `GIT_SESSION_NOW` (`@<unix seconds>`, or any date
 * Date parses) so that a script or a test can ask "what would standup say on Monday".
 */
function clock(fixed: string | undefined): Date {
  if (!fixed) return new Date();
  const at = /^@(\d+)$/.exec(fixed.trim());
  const date = at ? new Date(Number(at[1]) * 1000) : new Date(fixed);
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

function context(): CommandContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    now: clock(process.env.GIT_SESSION_NOW),
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
  // stdout is the hook script's protocol (a path to stage, byte for byte) or, for an
  // assistant's hook, JSON that reaches its context: that is cleaned like any output.
  // stderr reaches a terminal, and file names or recorded text in it must not carry
  // escape sequences there.
  write(1, result.stdout && /^\s*[[{]/.test(result.stdout) ? sanitiseJsonText(result.stdout) : result.stdout);
  write(2, result.stderr && sanitiseOutput(result.stderr));
  if (result.exitCode !== undefined) process.exitCode = result.exitCode;
}

/** The output of a result: its text, then its stream. */
async function* outputOf(result: CommandResult): AsyncGenerator<string> {
  if (result.stdout) yield result.stdout;
  if (result.stream) yield* result.stream.chunks;
}

async function emit(result: CommandResult | void): Promise<void> {
  if (!result) return;
  let failure: unknown;
  if (result.stdout || result.stream) {
    try {
      await writeStdout(outputOf(result));
    } catch (error) {
      failure = error;
    }
  }
  // What the command had to say still reaches stderr; the failed write is then the error.
  if (result.stderr) process.stderr.write(result.stderr);
  if (failure !== undefined) throw failure;
  if (result.exitCode !== undefined) process.exitCode = result.exitCode;
}

async function main(argv: string[]): Promise<void> {
  const first = argv[0];
  if (first === '--version' || first === '-v' || first === '-V') {
    await writeStdout([`git-session ${__VERSION__}\n`]);
    return;
  }
  if (first === 'hook') {
    const { runHook } = await import('../hooks/run-hook.js');
    emitHook(await runHook(argv.slice(1), context()));
    return;
  }
  if (first === 'merge-driver') {
    // Run by git during a merge; not a command people type, so no cac and no help entry.
    const { mergeDriver } = await import('../commands/merge-driver.js');
    emitHook(await mergeDriver(argv.slice(1), context()));
    return;
  }
  if (first === 'filter') {
    // git's clean/smudge filter: the file on stdin, the result on stdout, byte for byte.
    const { filter } = await import('../commands/filter.js');
    const { out, warning } = await filter({ mode: argv[1] ?? '', path: argv[2] }, readFileSync(0), process.cwd(), process.env);
    for (let off = 0; off < out.length; ) off += writeSync(1, out, off, out.length - off);
    if (warning) process.stderr.write(sanitiseOutput(warning));
    return;
  }
  const { runCli } = await import('./program.js');
  const result = await runCli(argv, context(), __VERSION__);
  await emit(result);
  // Every piece of the output is written (a callback came for each) and the command left
  // nothing running: end here. Left to end by itself, node tears its heap down first, a
  // few milliseconds of a `why` that an assistant runs file after file. Only without
  // stderr text, which a pipe on macOS may still hold.
  if (result?.settled && !result.stderr) process.exit();
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

main(process.argv.slice(2)).catch(async (error: unknown) => {
  const known = userError(error);
  if (known) {
    // A message may quote an input (a path, a revision): no terminal control from it
    // (escape sequences, bidirectional overrides), and no secret typed into it. The scanner
    // is loaded only here: every run that ends well would pay for it at start-up.
    const shown = await import('../core/redact/index.js').then(({ redactShown }) => redactShown(known.message)).catch(() => sanitiseText(known.message, { multiline: true }));
    process.stderr.write(`git-session: ${shown}\n`);
    process.exitCode = known.exitCode;
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`git-session: internal error: ${message}\n`);
  process.exitCode = ExitCode.Internal;
});
