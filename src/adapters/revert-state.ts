import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childProcess } from './builtins.js';
import { outputSafe } from './git.js';

/** What a merge driver needs to journal the revert it runs inside. */
export interface RevertFacts {
  /** The reverted commit, full id. */
  commit: string;
  subject: string;
  branch: string;
  /** `Name <email>`. */
  author: string;
  /** `git var GIT_AUTHOR_IDENT`'s time: `@<seconds> <zone>`, as git exports dates to hooks. */
  date: string;
}

/** `git revert` options that take their value as the next word. */
const VALUED = new Set(['-m', '--mainline', '-s', '--strategy', '-X', '--strategy-option', '--cleanup']);

interface Proc {
  ppid: number;
  argv: string[];
}

function procOf(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return { ppid, argv };
  } catch {
    try {
      const out = childProcess().execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const m = /^\s*(\d+)\s+(.*)$/.exec(out.trim());
      return m ? { ppid: Number(m[1]), argv: m[2]!.split(/\s+/) } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The nearest `git` ancestor's command line: git runs a driver through one or two shells. */
function gitArgv(pid: number): string[] | undefined {
  for (let depth = 0, at = pid; depth < 6 && at > 1; depth++) {
    const proc = procOf(at);
    if (!proc) return undefined;
    if (/(^|\/)git$/.test(proc.argv[0] ?? '')) return proc.argv;
    at = proc.ppid;
  }
  return undefined;
}

/** The revisions named on a `git revert` command line; undefined when it is not one. */
export function revertRevisions(argv: readonly string[]): string[] | undefined {
  const at = argv.findIndex((word) => word === 'revert');
  if (at < 1 || !/(^|\/)git$/.test(argv[0] ?? '')) return undefined;
  const revs: string[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--continue' || word === '--skip' || word === '--abort' || word === '--quit') continue;
    if (VALUED.has(word)) i++;
    else if (!word.startsWith('-')) revs.push(word);
  }
  return revs;
}

/**
 * The revert the git that started this driver is running, if it is `git revert`: the commit being
 * reverted now is the first line of the sequencer's todo list, or the one revision
 * named on the command line. Undefined when it is no revert or cannot be told.
 */
export function revertInProgress(cwd: string, env: NodeJS.ProcessEnv, fromPid: number = process.ppid): RevertFacts | undefined {
  const argv = gitArgv(fromPid);
  const revs = argv && revertRevisions(argv);
  if (!revs) return undefined;
  const git = (args: string[]) => {
    const r = childProcess().spawnSync('git', outputSafe(args), { cwd, env, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const gitDir = git(['rev-parse', '--absolute-git-dir']);
  let rev: string | undefined;
  try {
    const todo = readFileSync(join(gitDir ?? '.git', 'sequencer', 'todo'), 'utf8');
    rev = /^(?:revert|r)\s+(\S+)/m.exec(todo)?.[1];
  } catch {
    rev = revs.length === 1 ? revs[0] : undefined;
  }
  if (!rev) return undefined;
  const shown = git(['show', '-s', '--format=%H%x1f%s', `${rev}^{commit}`]);
  const ident = git(['var', 'GIT_AUTHOR_IDENT']);
  const m = ident && /^(.*) (\d+) ([+-]\d{4})$/.exec(ident);
  if (!shown || !m) return undefined;
  const [commit, subject = ''] = shown.split('\x1f');
  return { commit: commit!, subject, branch: git(['symbolic-ref', '--short', '-q', 'HEAD']) ?? 'HEAD', author: m[1]!, date: `@${m[2]} ${m[3]}` };
}
