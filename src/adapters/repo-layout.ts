import { lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** A work tree and its git dirs. */
export interface RepoDirs {
  root: string;
  /** This work tree's git dir (a linked worktree has its own). */
  gitDir: string;
  /** Where the refs are: the main git dir. */
  commonDir: string;
}

/** Where a repository's work tree and git dirs are: what the readers need of its layout. */
export interface RepoLayout extends RepoDirs {
  /** Where a shallow clone lists its cut-off commits (absent in a full clone). */
  shallowFile: string;
}

/** A file's text; undefined where it cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function stat(path: string, follow = true): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The work tree around `start` and its git dirs, by looking for `.git` upwards; undefined outside one. */
export function findRepoDirs(start: string): RepoDirs | undefined {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, '.git');
    if (stat(dotGit)?.isDirectory()) return { root: dir, gitDir: dotGit, commonDir: dotGit };
    const pointer = readText(dotGit);
    const m = pointer === undefined ? null : /^gitdir:\s*(.+?)\s*$/m.exec(pointer);
    if (m) {
      const gitDir = isAbsolute(m[1]!) ? m[1]! : resolve(dir, m[1]!);
      const common = readText(join(gitDir, 'commondir'))?.trim();
      return { root: dir, gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Variables that move or limit what git finds, or set configuration git would read. */
const STEERING = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];

/** Settings in the repository's config that put the work tree elsewhere, or may (an include, per-worktree config). */
const ELSEWHERE = /^\s*(?:worktree\s*=|bare\s*(?:=\s*"?(?:true|yes|on|1)"?\s*)?(?:[#;].*)?$|\[\s*include|worktreeconfig\b)/im;

/**
 * The layout of the plain repository around `cwd` as git would report it, read from
 * the files git reads, without starting git: a reader such as `why` on a line is mostly
 * node's start and git blame, and a git process less is a fork less on node's main
 * thread (~7 ms on a small machine). Undefined wherever git's answer could differ, and
 * git is asked then: a variable that steers git, a `.git` file (a linked worktree, a
 * submodule) or link, a config that names a work tree, is bare or includes others,
 * another user's repository (git refuses it unless safe.directory says otherwise), a
 * folder inside the git dir, or a walk that crossed into another file system.
 */
export function plainLayout(cwd: string, env: NodeJS.ProcessEnv): RepoLayout | undefined {
  if (STEERING.some((name) => env[name] !== undefined)) return undefined;
  const start = resolve(cwd);
  const dirs = findRepoDirs(start);
  if (!dirs || dirs.gitDir !== join(dirs.root, '.git')) return undefined;
  if (!relative(dirs.gitDir, start).startsWith('..')) return undefined;
  const uid = process.getuid?.();
  const dotGit = stat(dirs.gitDir, false);
  if (!dotGit?.isDirectory() || dotGit.uid !== uid || stat(dirs.root)?.uid !== uid) return undefined;
  if (!stat(join(dirs.gitDir, 'HEAD'))?.isFile()) return undefined;
  const config = readText(join(dirs.gitDir, 'config'));
  if (config === undefined || ELSEWHERE.test(config)) return undefined;
  const device = stat(start)?.dev;
  for (let d = start; d !== dirs.root; d = dirname(d)) if (stat(dirname(d))?.dev !== device) return undefined;
  return { ...dirs, shallowFile: join(dirs.gitDir, 'shallow') };
}
