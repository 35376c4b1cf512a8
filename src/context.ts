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
  stderr?: string;
  exitCode?: number;
}
