import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The built binary every integration test drives. */
export const BIN = resolve(__dirname, '../../dist/cli.js');
/**
 * A folder holding `git-session` (a shim that runs the built binary) and the hook
 * script, both committed: put first on PATH so hooks find them, as after a global install.
 */
export const BIN_DIR = resolve(__dirname, '../bin');

/**
 * Lays out git-session in `dir` as `npm install --save-dev git-session` does: the
 * package in node_modules/git-session (here a link to this built one) and its bins
 * linked into node_modules/.bin. The hook lines source the package's hook functions
 * from there.
 */
export function installAsDevDependency(dir: string): void {
  const root = resolve(__dirname, '../..');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'git-session'));
  symlinkSync('../git-session/dist/cli.js', join(dir, 'node_modules', '.bin', 'git-session'));
  symlinkSync('../git-session/bin/git-session-hook', join(dir, 'node_modules', '.bin', 'git-session-hook'));
}

/** Every command gets at most this long: nothing in a test may wait on a terminal. */
export const TIMEOUT_MS = 20_000;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

function toRun(r: SpawnSyncReturns<string>): Run {
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    throw new Error(`command timed out after ${TIMEOUT_MS} ms (it waited on something): ${r.stderr}`);
  }
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

/**
 * A hermetic environment: a temp HOME, no inherited GIT_* or assistant markers, a
 * fixed identity, no signing, no pager, no editor, the test binary first on PATH.
 */
export function hermeticEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GIT_') || k === 'CLAUDECODE' || k.startsWith('CLAUDE_') || k === 'CI' || k === 'HUSKY') continue;
    if (k.startsWith('CODEX') || k.startsWith('GEMINI') || k.startsWith('CURSOR') || k === 'NO_COLOR') continue;
    env[k] = v;
  }
  // `npm test` puts this package's node_modules/.bin (where the repository links its own
  // binary) on PATH: drop every folder holding a git-session, so tests that remove the
  // shim really run without one.
  const path = (env.PATH ?? '')
    .split(':')
    .filter((dir) => dir !== '' && !existsSync(join(dir, 'git-session')))
    .join(':');
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: `${BIN_DIR}:${path}`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Tester',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Tester',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_EDITOR: 'true',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

export interface TempRepo {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs git in the repo (or `cwd`), throwing on failure unless `allowFail`. */
  git(args: string[], opts?: { cwd?: string; allowFail?: boolean; env?: NodeJS.ProcessEnv; input?: string }): Run;
  /** Runs the built binary in the repo (or `cwd`). */
  run(args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): Run;
  write(path: string, text: string): void;
  read(path: string): string;
  cleanup(): void;
}

/** Creates a throwaway repository on branch main with one empty root commit unless `empty`. */
export function tempRepo(options: { empty?: boolean; bare?: boolean } = {}): TempRepo {
  const base = mkdtempSync(join(tmpdir(), 'git-session-test-'));
  const dir = join(base, 'repo');
  const home = join(base, 'home');
  mkdirSync(dir, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env = hermeticEnv(home);
  const git: TempRepo['git'] = (args, opts = {}) => {
    const r = toRun(
      spawnSync('git', args, {
        cwd: opts.cwd ?? dir,
        env: { ...env, ...opts.env },
        input: opts.input,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
      }),
    );
    if (!opts.allowFail && r.code !== 0) {
      throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
    }
    return r;
  };
  git(['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : [])]);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  git(['config', 'gc.auto', '0']);
  git(['config', 'core.autocrlf', 'false']);
  if (!options.empty && !options.bare) git(['commit', '-q', '--allow-empty', '-m', 'root']);
  return {
    dir,
    home,
    env,
    git,
    run(args, opts = {}) {
      return toRun(
        spawnSync('node', [BIN, ...args], {
          cwd: opts.cwd ?? dir,
          env: { ...env, ...opts.env },
          input: opts.input ?? '',
          encoding: 'utf8',
          timeout: TIMEOUT_MS,
        }),
      );
    },
    write(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    },
    read(path) {
      return readFileSync(join(dir, path), 'utf8');
    },
    cleanup() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
