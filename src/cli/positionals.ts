import { ExitCode, GitSessionError } from '../errors.js';

/**
 * A command's positional arguments once the words after `--` are counted: they fill
 * the arguments not given before `--`, in order, and the last argument takes every
 * word left over (`decide -- "-0 is kept"`, `key-file -- -odd.ts "why"`). `names` are
 * as declared (`<text>` required, `[why]` optional); a required one still missing
 * is a usage error.
 */
export function positionals(names: readonly string[], given: readonly unknown[], rest: readonly string[]): (string | undefined)[] {
  const out = names.map((_, i) => (given[i] === undefined || given[i] === null ? undefined : String(given[i])));
  const queue = [...rest];
  for (let i = 0; i < names.length && queue.length > 0; i++) {
    if (out[i] !== undefined) continue;
    out[i] = i === names.length - 1 ? queue.splice(0).join(' ') : queue.shift();
  }
  if (queue.length > 0) {
    const last = names.length - 1;
    out[last] = [out[last], ...queue].filter((w) => w !== undefined).join(' ');
  }
  const missing = names.find((name, i) => name.startsWith('<') && out[i] === undefined);
  if (missing) {
    throw new GitSessionError(ExitCode.Usage, `missing ${missing}.`, {
      fix: `Give ${missing} before \`--\` or after it (after \`--\`, words starting with "-" are text, not options).`,
    });
  }
  return out;
}
