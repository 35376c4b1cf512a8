import { readFileSync, writeFileSync } from 'node:fs';
import { childProcess } from './builtins.js';

/** Reads one of the files git hands a merge driver; undefined when it is not UTF-8 text. */
export function readMergeInput(path: string): string | undefined {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return undefined;
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/** Writes the merged text over ours (`%A`), which is where git takes the result from. */
export function writeMerged(path: string, text: string): void {
  writeFileSync(path, text);
}

/**
 * git's own line merge into `ours` (what git does without a driver): conflict markers
 * and a non-zero exit when the sides overlap; `union` keeps both sides' lines instead.
 * Returns git merge-file's exit code, clamped to a valid non-zero on error.
 */
export function lineMerge(ours: string, base: string, theirs: string, opts: { union?: boolean; cwd: string; env?: NodeJS.ProcessEnv }): number {
  const args = ['merge-file', ...(opts.union ? ['--union'] : []), '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs];
  const run = childProcess().spawnSync('git', args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status === null) return 1;
  return run.status > 127 || run.status < 0 ? 1 : run.status;
}
