/**
 * Named points where a test kills the running hook the way a crash, an OOM kill or a
 * power cut would: with `GIT_SESSION_TEST_KILL=<point>` in the environment the process
 * sends itself SIGKILL there, so no cleanup of any kind runs. For tests only, like
 * git's own `GIT_TEST_*` variables; otherwise it costs one comparison.
 */
export type KillPoint =
  /** The previous attempt's record is read; nothing of this attempt is written yet. */
  | 'journal-read'
  /** Where the journal entry goes is recorded; the entry is not written yet. */
  | 'journal-recorded'
  /** The entry is in the journal file; nothing has staged it and the commit has not happened. */
  | 'journal-written';

export function killPoint(env: NodeJS.ProcessEnv, point: KillPoint): void {
  if (env.GIT_SESSION_TEST_KILL === point) process.kill(process.pid, 'SIGKILL');
}
