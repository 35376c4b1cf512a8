import { existsSync } from 'node:fs';
import type { CommandContext, CommandResult } from '../context.js';
import { buildHandedOver } from '../adapters/ensure-edit-index.js';

/** How long a test's gate may hold the builder before it builds anyway. */
const GATE_MS = 60_000;

/**
 * For tests only, like git's `GIT_TEST_*` variables: with
 * `GIT_SESSION_TEST_BUILDER_GATE=<file>` the builder starts its work only once that
 * file exists, so a test sees the build handed on and still running on any machine.
 */
async function gate(env: NodeJS.ProcessEnv): Promise<void> {
  const file = env.GIT_SESSION_TEST_BUILDER_GATE;
  if (!file) return;
  const end = Date.now() + GATE_MS;
  while (!existsSync(file) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Builds the edit-time index for the current HEAD: the detached builder an edit-time
 * hook hands a long build to. It asks nothing about `.gitsession` itself: only that
 * hook starts it, after finding the repository opted in.
 */
export default async function hook(_args: string[], ctx: CommandContext): Promise<CommandResult> {
  await gate(ctx.env);
  await buildHandedOver(ctx.cwd, ctx.env);
  return {};
}
