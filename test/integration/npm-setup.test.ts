import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN_DIR, TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';

const ROOT = resolve(__dirname, '../..');
let repo: TempRepo;
let tarball: string;

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: TIMEOUT_MS * 3 });
  expect(r.status, `npm ${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
  return r;
}

beforeAll(() => {
  repo = tempRepo();
  const packs = join(repo.home, 'packs');
  mkdirSync(packs, { recursive: true });
  // The package as published (dist/ is built before the tests run), without running its scripts.
  const packed = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', packs], ROOT, { ...process.env, npm_config_cache: join(repo.home, '.npm') });
  tarball = join(packs, packed.stdout.trim().split('\n').pop()!);
});
afterAll(() => repo?.cleanup());

describe('npm install in a fresh clone of a project that ran init', () => {
  it('installs the hooks and this clone’s merge drivers, quietly and only once', () => {
    const env: NodeJS.ProcessEnv = {
      ...repo.env,
      // Only the project's own copy: the point is that npm install finds it.
      PATH: (repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':'),
      npm_config_cache: join(repo.home, '.npm'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_offline: 'true',
    };
    repo.write('package.json', `{\n  "name": "app",\n  "private": true,\n  "devDependencies": {\n    "git-session": "file:${tarball}"\n  }\n}\n`);
    repo.write('.gitignore', 'node_modules\n');
    npm(['install'], repo.dir, env);
    const init = spawnSync(join(repo.dir, 'node_modules/.bin/git-session'), ['init'], { cwd: repo.dir, env, encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(init.status, init.stderr).toBe(0);
    expect(JSON.parse(repo.read('package.json')).scripts).toEqual({ prepare: 'git-session setup' });
    repo.git(['add', '-A'], { env });
    repo.git(['commit', '-q', '-m', 'Start a git-session'], { env });

    const clone = join(repo.home, 'clone');
    repo.git(['clone', '-q', repo.dir, clone], { env });
    expect(existsSync(join(clone, '.git/hooks/pre-commit'))).toBe(false);
    const installed = npm(['install'], clone, env);
    expect(installed.stdout).toContain('git-session: hooks, merge drivers and private filter set up in this clone.');
    expect(readFileSync(join(clone, '.git/hooks/pre-commit'), 'utf8')).toContain('# git-session:start');
    expect(repo.git(['config', '--get', 'merge.git-session.driver'], { cwd: clone, env }).stdout).toContain('merge-driver');
    expect(repo.git(['config', '--get', 'merge.git-session-journal.driver'], { cwd: clone, env }).stdout).toContain('merge-driver');
    // A second install finds everything in place and says nothing.
    expect(npm(['install'], clone, env).stdout).not.toContain('git-session:');

    // In CI only the drivers are set: the hooks stay out of CI's commits.
    const ci = join(repo.home, 'ci');
    repo.git(['clone', '-q', repo.dir, ci], { env });
    npm(['install'], ci, { ...env, CI: 'true' });
    expect(existsSync(join(ci, '.git/hooks/pre-commit'))).toBe(false);
    expect(repo.git(['config', '--get', 'merge.git-session.driver'], { cwd: ci, env }).stdout).toContain('merge-driver');

    // uninstall takes back exactly what init added to package.json.
    const un = spawnSync(join(repo.dir, 'node_modules/.bin/git-session'), ['uninstall'], { cwd: repo.dir, env, encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(un.status, un.stderr).toBe(0);
    expect(repo.read('package.json')).toBe(`{\n  "name": "app",\n  "private": true,\n  "devDependencies": {\n    "git-session": "file:${tarball}"\n  }\n}\n`);
  });

  it('setup outside a repository says so in one line and exits 0', () => {
    const outside = join(repo.home, 'not-a-repo');
    mkdirSync(outside, { recursive: true });
    const r = repo.run(['setup'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: repo.home } });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('git-session: setup skipped:');
  });
});
