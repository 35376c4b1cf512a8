import type { execFile as ExecFile } from 'node:child_process';

/**
 * git commands the binary's entry (src/cli/bin.ts) started before it loaded the
 * bundle, handed to the first identical call of `git()`. `why <path>:<line>` waits
 * mostly on git blame: started first, blame runs while Node reads and compiles the
 * bundle. The entry and the bundle are separate files, so the commands pass through
 * one global, owned here.
 */
export interface EarlyResult {
  stdout: string;
  stderr: string;
  code: number;
}

const KEY = Symbol.for('git-session.early-git');
type Registry = Map<string, Promise<EarlyResult | undefined>>;

function registry(): Registry {
  const global = globalThis as { [KEY]?: Registry };
  return (global[KEY] ??= new Map());
}

const keyOf = (cwd: string, args: readonly string[]): string => JSON.stringify([cwd, ...args]);

/**
 * Starts `git <args>` in `cwd` with this process's environment, for a later identical
 * call; returns what it answers (undefined when git did not start), for a caller that waits.
 */
export function startEarly(args: readonly string[], cwd: string, execFile: typeof ExecFile): Promise<EarlyResult | undefined> {
  const result = new Promise<EarlyResult | undefined>((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      // git did not start at all: the later call runs it again and reports why.
      if (error && typeof error.code !== 'number') resolve(undefined);
      else resolve({ stdout, stderr, code: error ? (error.code as number) : 0 });
    });
  });
  registry().set(keyOf(cwd, args), result);
  return result;
}

/** The result of `git <args>` in `cwd` if the entry started it; each is handed over once. */
export function takeEarly(args: readonly string[], cwd: string): Promise<EarlyResult | undefined> | undefined {
  const all = registry();
  const key = keyOf(cwd, args);
  const found = all.get(key);
  all.delete(key);
  return found;
}
