import { spawn } from 'node:child_process';
import { BIN, type TempRepo } from './repo.js';

/**
 * Runs the built binary with `args`, takes the first piece of its output and closes
 * the pipe, as `| head` does: what the binary then says on stderr, and its exit code.
 */
export async function leaveAfterFirstPiece(repo: TempRepo, args: string[]): Promise<{ stderr: string; code: number | null }> {
  const child = spawn('node', [BIN, ...args], { cwd: repo.dir, env: repo.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  await new Promise((r) => child.stdout.once('data', r));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { stderr, code };
}
