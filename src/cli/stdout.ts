import { ExitCode, GitSessionError } from '../errors.js';

/** `ENOSPC: no space left on device, write` → `no space left on device (ENOSPC)`. */
function reason(error: NodeJS.ErrnoException): string {
  const said = error.message.replace(/^[A-Z0-9_]+: /, '').replace(/, [a-z_]+$/, '');
  return error.code && !said.includes(error.code) ? `${said} (${error.code})` : said;
}

/**
 * Writes a command's output to stdout as the reader takes it, and resolves once every
 * piece is written: the next piece is asked for only once stdout has room, so a slow
 * pipe holds the command back instead of filling memory. A reader that goes away
 * (EPIPE, `| head`) ends the output quietly, as for git log, and a streamed output
 * with it, which stops its git. Any other failure (a full disk, a descriptor that
 * cannot be written) is a WriteFailed error naming the reason.
 */
export async function writeStdout(pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const out = process.stdout;
  let failure: NodeJS.ErrnoException | undefined;
  let wake: (() => void) | undefined;
  const failed = (error: NodeJS.ErrnoException | null | undefined) => {
    if (!error) return;
    failure ??= error;
    wake?.();
  };
  // A write's callback has its error first; the stream then emits it, which must not throw.
  out.on('error', failed);
  try {
    let written: Promise<void> = Promise.resolve();
    for await (const piece of pieces) {
      if (failure) break;
      let room = true;
      written = new Promise((resolve) => {
        room = out.write(piece, (error) => {
          failed(error);
          resolve();
        });
      });
      if (!room && !failure) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once('drain', resolve);
        });
        out.off('drain', wake!);
        wake = undefined;
      }
    }
    // Callbacks come in order: once the last is called, every piece is written or failed.
    if (!failure) await written;
  } finally {
    // After a failure the stream may still emit it: the listener stays so that it cannot throw.
    if (!failure) out.off('error', failed);
  }
  if (failure && failure.code !== 'EPIPE') {
    throw new GitSessionError(ExitCode.WriteFailed, `stdout could not be written: ${reason(failure)}.`, {
      fix: 'Check where the output goes (a full disk, a file or device that cannot be written) and run the command again.',
      cause: failure,
    });
  }
}
