/** What a command needs from the world, passed in so commands never reach for process.*. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: Date;
  /** Whether stdout is a terminal (colour and layout decisions). */
  stdoutIsTTY: boolean;
}

/** What a command hands back to the CLI to print. Commands never print or exit themselves. */
export interface CommandResult {
  stdout?: string;
  /** Output too long to hold: written as it is produced, after `stdout`. */
  stream?: OutputStream;
  stderr?: string;
  exitCode?: number;
  /**
   * Nothing the command started (a git process, a write) is still running once it
   * returns: the CLI may end the process as soon as the output is written.
   */
  settled?: boolean;
}

/**
 * Output handed over piece by piece: the CLI writes each piece as the reader takes
 * it, so the command produces no faster than stdout drains.
 */
export interface OutputStream {
  /** The text in pieces. A JSON piece never ends inside a string, so each is sanitised alone. */
  chunks: AsyncIterable<string>;
  json: boolean;
}
