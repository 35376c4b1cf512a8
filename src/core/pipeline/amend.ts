const GIT = /(^|[/\\])git(\.exe)?$/;

/** `git commit` options whose value may come as the next argument. */
const TAKES_VALUE = new Set(['-m', '-F', '-C', '-c', '-t', '--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--cleanup', '--trailer', '--fixup', '--squash', '--pathspec-from-file']);

/** Whether a process's argv is a git process (the `git` binary, any path). */
export function isGitArgv(argv: readonly string[]): boolean {
  return argv.length > 0 && GIT.test(argv[0]!);
}

/**
 * Whether a `git commit` argv amends. Git accepts any unambiguous prefix of a long
 * option (`--am` is enough for `--amend`), and a value such as `-m --amend` is a
 * message, not the option. Arguments after `--` are paths.
 */
export function isAmendArgv(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (TAKES_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.length >= 4 && '--amend'.startsWith(arg)) return true;
  }
  return false;
}
