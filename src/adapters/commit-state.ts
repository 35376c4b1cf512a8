import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitMarkers } from '../core/pipeline/skip.js';
import { isAmendArgv, isGitArgv } from '../core/pipeline/amend.js';
import { git } from './git.js';

/** Where the commit being made lives, read once at the start of a hook. */
export interface CommitState {
  /** The work tree's top level. */
  root: string;
  /** This work tree's git dir (a linked worktree has its own). */
  gitDir: string;
  /** `git-session/` under the git dir: the trailers hand-off file and the parse cache. */
  stateDir: string;
  trailersPath: string;
  cachePath: string;
  /** Branch name, or `detached` when HEAD names a commit. */
  branch: string;
  markers: CommitMarkers;
  /**
   * The staged blob id of `stagedPath` when one was asked for: undefined when it is not
   * in the index, null when it was not asked for.
   */
  stagedBlob: string | undefined | null;
}

/**
 * Reads the repository layout with one git call and the rest from the git dir. With
 * `stagedPath` (repository-relative), the same call resolves its staged blob id: every
 * git call is a few ms on each commit.
 */
export async function readCommitState(cwd: string, env: NodeJS.ProcessEnv, stagedPath?: string): Promise<CommitState> {
  const args = ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-path', 'git-session'];
  let out = stagedPath ? await git([...args, `:${stagedPath}`], { cwd, env, allowFailure: true }) : undefined;
  let stagedBlob: string | undefined | null = null;
  if (out && out.code === 0) stagedBlob = out.stdout.split('\n')[3]?.trim() || undefined;
  else {
    out = await git(args, { cwd, env });
    if (stagedPath) stagedBlob = undefined;
  }
  const [root = cwd, gitDir = join(cwd, '.git'), stateDir = join(gitDir, 'git-session')] = out.stdout.split('\n');
  let branch = 'detached';
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref: refs\/heads\/(.+)$/.exec(head);
    if (ref) branch = ref[1]!;
  } catch {
    // An unreadable HEAD only costs the branch name in the journal.
  }
  return {
    root,
    gitDir,
    stateDir,
    trailersPath: join(stateDir, 'trailers'),
    cachePath: join(stateDir, 'cache.json'),
    branch,
    markers: {
      rebase: existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply')),
      cherryPick: existsSync(join(gitDir, 'CHERRY_PICK_HEAD')),
      revert: existsSync(join(gitDir, 'REVERT_HEAD')),
      merge: existsSync(join(gitDir, 'MERGE_HEAD')),
    },
    stagedBlob,
  };
}

interface Proc {
  pid: number;
  ppid: number;
  argv: string[];
}

function procLinux(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return { pid, ppid: Number(fields[1]), argv };
  } catch {
    return undefined;
  }
}

function procPs(pid: number): Proc | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^\s*(\d+)\s+(.*)$/.exec(out.trim());
    return m ? { pid, ppid: Number(m[1]), argv: m[2]!.split(/\s+/) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `git` process that runs this hook, found by walking up the process tree
 * (hook → sh → git). Undefined where the tree cannot be read.
 */
export function findGitProcess(startPid: number = process.ppid): { pid: number; argv: string[] } | undefined {
  const read = process.platform === 'linux' ? procLinux : process.platform === 'win32' ? () => undefined : procPs;
  let pid = startPid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const proc = read(pid);
    if (!proc) return undefined;
    if (isGitArgv(proc.argv)) return { pid: proc.pid, argv: proc.argv };
    pid = proc.ppid;
  }
  return undefined;
}

/**
 * Whether the commit being made is `git commit --amend`: pre-commit is not told, so the
 * parent git's command line is read. When it cannot be read, the commit is taken as new.
 */
export function isAmending(gitProcess = findGitProcess()): boolean {
  return gitProcess ? isAmendArgv(gitProcess.argv) : false;
}
