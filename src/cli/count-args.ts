/** The count option as the option parser reads it; a command declares it as `-n, --max-count <count>`. */
export const MAX_COUNT = '--max-count';

/**
 * `argv` with each way git log takes a count spelled the one way the option parser
 * reads: `-n5`, `-n 5`, `--max-count 5` and `-5` become `--max-count=5`. As in git,
 * the word after `-n` is its value whatever it starts with, so `-n -1` reaches the
 * count's own check (a usage error naming "-1") instead of reading as another option.
 * Words after `--` are left as they are.
 */
export function gitCountArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if ((arg === '-n' || arg === MAX_COUNT) && next !== undefined && next !== '--') {
      out.push(`${MAX_COUNT}=${next}`);
      i++;
    } else if (/^-n./.test(arg)) out.push(`${MAX_COUNT}=${arg.slice(2)}`);
    else if (/^-\d+$/.test(arg)) out.push(`${MAX_COUNT}=${arg.slice(1)}`);
    else out.push(arg);
  }
  return out;
}
