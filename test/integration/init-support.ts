import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { BIN, BIN_DIR, TIMEOUT_MS, type Run, type TempRepo } from '../helpers/repo.js';

const PACKAGE = resolve(__dirname, '../..');
let bin: string | undefined;

/**
 * The built binary. If the package has no templates/SESSION.md yet, a copy of the
 * package with a stand-in session template is used instead (never written into the
 * package itself).
 */
export function initBin(): string {
  if (bin) return bin;
  if (existsSync(join(PACKAGE, 'templates', 'SESSION.md'))) return (bin = BIN);
  const copy = mkdtempSync(join(tmpdir(), 'git-session-pkg-'));
  cpSync(join(PACKAGE, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(PACKAGE, 'templates'), join(copy, 'templates'), { recursive: true });
  writeFileSync(join(copy, 'templates', 'SESSION.md'), '# Session\n\n## Goal\n\n## Status\n');
  return (bin = join(copy, 'dist', 'cli.js'));
}

/** Runs the binary's `args` in `cwd` with the repo's hermetic environment. */
export function gs(repo: TempRepo, args: string[], cwd = repo.dir, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync('node', [initBin(), ...args], { cwd, env: { ...repo.env, ...env }, input: '', encoding: 'utf8', timeout: TIMEOUT_MS });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

/** Every file under `dirs` (skipping `.git`) with its mode and bytes, keyed by path. */
export function snapshot(...dirs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (base: string, dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        if (name !== '.git') walk(base, path);
      } else {
        out.set(`${base}:${relative(base, path)}`, `${(st.mode & 0o777).toString(8)} ${readFileSync(path, 'base64')}`);
      }
    }
  };
  for (const d of dirs) walk(d, d);
  return out;
}

/** A PATH whose `git-session` only records its arguments to `log` (for checking that hooks call it). */
export function fakeBinPath(base: string, log: string): string {
  const dir = join(base, 'fake-bin');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'git-session'), `#!/bin/sh\necho "$*" >> '${log}'\n`);
  chmodSync(join(dir, 'git-session'), 0o755);
  // The real hook script, which runs the fake binary beside it.
  rmSync(join(dir, 'git-session-hook'), { force: true });
  symlinkSync(realpathSync(join(BIN_DIR, 'git-session-hook')), join(dir, 'git-session-hook'));
  return `${dir}:${withoutGitSession()}`;
}

/** The test PATH minus every folder that holds a git-session binary. */
export function withoutGitSession(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((d) => d !== BIN_DIR && d !== '' && !existsSync(join(d, 'git-session')))
    .join(':');
}
