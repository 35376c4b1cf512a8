/**
 * The value of option `name` (`--because`, `--since`) exactly as typed, the last one winning;
 * undefined when absent or given no value. cac reads numeric-looking values as
 * numbers (`""` becomes 0, `0x10` becomes 16), which would change a reason's text.
 */
export function rawOption(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
    if (arg !== name && inline === undefined) continue;
    if (inline) {
      value = inline;
      continue;
    }
    // Like the option parser: the next argument is the value unless it starts with `-`.
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      value = next;
      i++;
    } else value = undefined;
  }
  return value;
}
