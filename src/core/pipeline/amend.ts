const GIT = /(^|[/\\])git(\.exe)?$/;

/** git's own options (before the subcommand) whose value may come as the next argument. */
const GLOBAL_TAKES_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix']);

/** `git commit` options whose value may come as the next argument. */
const TAKES_VALUE = new Set(['-m', '-F', '-C', '-c', '-t', '--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--cleanup', '--trailer', '--fixup', '--squash', '--pathspec-from-file']);

/** `git commit` short options that take a value, attached (`-mtext`) or as the next argument. */
const SHORT_TAKES_VALUE = 'mFCct';

/** One process: its parent and its command line. */
export interface Proc {
  pid: number;
  ppid: number;
  argv: string[];
  /**
   * The command line was read as one string and split on whitespace (`ps`): a value
   * with spaces spans several words, so a word is not necessarily an argument.
   */
  words?: boolean;
}

/** Whether a process's argv is a git process (the `git` binary, any path). */
export function isGitArgv(argv: readonly string[]): boolean {
  return argv.length > 0 && GIT.test(argv[0]!);
}

/** Whether `arg` is a `git commit` option that takes a value, and whether that value is the next argument. */
function valueOption(arg: string): 'none' | 'attached' | 'next' {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    if (eq < 0) return TAKES_VALUE.has(arg) ? 'next' : 'none';
    return TAKES_VALUE.has(arg.slice(0, eq)) ? 'attached' : 'none';
  }
  // A cluster of short options (`-am`): the first one taking a value ends it.
  for (let j = 1; j < arg.length; j++) {
    if (SHORT_TAKES_VALUE.includes(arg[j]!)) return j === arg.length - 1 ? 'next' : 'attached';
  }
  return 'none';
}

/**
 * Whether a `git commit` argv amends. Git accepts any unambiguous prefix of a long
 * option (`--am` is enough for `--amend`), and a value such as `-m --amend` is a
 * message, not the option. Arguments after `--` are paths. With `words` (a command
 * line split on whitespace) a message such as "Explain --amend" cannot be told from
 * the option, so nothing after the first option that takes a value counts: an amend
 * written `git commit -m x --amend` is then taken as a new commit.
 */
export function isAmendArgv(argv: readonly string[], options: { words?: boolean } = {}): boolean {
  let i = 1;
  // git's own options, up to the subcommand (`commit`, or an alias of it).
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    if (GLOBAL_TAKES_VALUE.has(argv[i]!)) i++;
  }
  for (i++; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const value = valueOption(arg);
    if (value !== 'none') {
      if (options.words) return false;
      if (value === 'next') i++;
      continue;
    }
    if (arg.length >= 4 && '--amend'.startsWith(arg)) return true;
  }
  return false;
}

/** Long options that reuse a commit's message, by the shortest prefix git accepts for each. */
const REUSE_LONG = [
  ['--reuse-message', 5],
  ['--reedit-message', 5],
] as const;

/**
 * The commit whose message a `git commit` argv reuses (`-C`, `-c`, `--reuse-message`,
 * `--reedit-message`, any unambiguous prefix of those; the last one given), as typed;
 * undefined when none. With `words`, as in {@link isAmendArgv}, nothing after the first
 * option that takes a value counts.
 */
export function reusedMessageArgv(argv: readonly string[], options: { words?: boolean } = {}): string | undefined {
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    if (GLOBAL_TAKES_VALUE.has(argv[i]!)) i++;
  }
  let found: string | undefined;
  for (i++; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    let reuse: { value: string | undefined } | undefined;
    let takesValue = false;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (REUSE_LONG.some(([full, shortest]) => name.length >= shortest && full.startsWith(name))) {
        takesValue = true;
        reuse = { value: eq < 0 ? argv[++i] : arg.slice(eq + 1) };
      } else if (valueOption(arg) !== 'none') {
        takesValue = true;
        if (valueOption(arg) === 'next') i++;
      }
    } else {
      for (let j = 1; j < arg.length; j++) {
        if (!SHORT_TAKES_VALUE.includes(arg[j]!)) continue;
        takesValue = true;
        const value = j === arg.length - 1 ? argv[++i] : arg.slice(j + 1);
        if (arg[j] === 'C' || arg[j] === 'c') reuse = { value };
        break;
      }
    }
    if (reuse) found = reuse.value;
    if (takesValue && options.words) break;
  }
  return found;
}

/** Process names (`ps -o ucomm`) of git. */
const GIT_NAMES = new Set(['git', 'git.exe']);

/**
 * git's command line as `ps` shows it (`args`: the arguments joined by spaces), as
 * words, starting `git`. The program's path is one argument but may hold spaces (an
 * app's bundled git: `/Applications/Some App.app/…/git`): it ends at the last word that
 * names git before the first option or `commit` (an alias such as `ci` comes after it).
 */
export function gitArgv(args: string): string[] {
  const words = args.trim().split(/\s+/);
  let path = 0;
  for (let i = 0; i < words.length && !words[i]!.startsWith('-') && words[i] !== 'commit'; i++) if (isGitArgv([words[i]!])) path = i;
  return ['git', ...words.slice(path + 1)];
}

/**
 * The processes in the output of `ps -A -o pid=,ppid=,ucomm=,args=`, by pid. git is
 * told by its process name, which holds no path; its command line is split on
 * whitespace, so it is marked as {@link Proc.words}. Other processes keep no command
 * line: a walk up the tree needs only their parents.
 */
export function parsePsTable(text: string): Map<number, Proc> {
  const table = new Map<number, Proc>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)(?:\s+(.*\S))?\s*$/.exec(line);
    if (!m) continue;
    const [, pid, ppid, name, args] = m;
    table.set(Number(pid), { pid: Number(pid), ppid: Number(ppid), argv: GIT_NAMES.has(name!) ? gitArgv(args ?? name!) : [], words: true });
  }
  return table;
}

/**
 * The nearest git process among `startPid` and its ancestors (hook → sh → git), at
 * most 8 levels up; undefined when the tree cannot be read that far.
 */
export function findGitAncestor(startPid: number, read: (pid: number) => Proc | undefined): Proc | undefined {
  let pid = startPid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const proc = read(pid);
    if (!proc) return undefined;
    if (isGitArgv(proc.argv)) return proc;
    pid = proc.ppid;
  }
  return undefined;
}
