import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
let dist: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (dist) rmSync(dirname(dist), { recursive: true, force: true });
  repo = undefined;
  dist = undefined;
});

/** A private copy of the built package's dist/, so this test owns its cache files. */
function copyDist(): string {
  const base = mkdtempSync(join(tmpdir(), 'git-session-cache-'));
  cpSync(dirname(BIN), join(base, 'dist'), { recursive: true, filter: (src) => !/\.v8cache$/.test(src) });
  return join(base, 'dist');
}

function run(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('node', [cli, ...args], { cwd, env, encoding: 'utf8', timeout: TIMEOUT_MS, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the binary's code cache", () => {
  it('is written after the first run, reused after, and a bad one is replaced', () => {
    repo = tempRepo();
    dist = copyDist();
    const cli = join(dist, 'cli.js');
    const cache = join(dist, '.main.cjs.cli-log.v8cache');
    expect(existsSync(cache)).toBe(false);
    // The lazy ES modules load through it too: log imports the command's parts.
    const first = run(cli, ['log', '--format', 'json'], repo.dir, repo.env);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache).mtimeMs;
    // Reused, not rewritten; another command keeps its own.
    const log = run(cli, ['log', '--format', 'json'], repo.dir, repo.env);
    expect(log.code, log.stderr).toBe(0);
    expect(JSON.parse(log.stdout).commits).toHaveLength(1);
    expect(statSync(cache).mtimeMs).toBe(written);
    expect(run(cli, ['--version'], repo.dir, repo.env).code).toBe(0);
    expect(existsSync(join(dist, '.main.cjs.cli.v8cache'))).toBe(true);
    expect(statSync(cache).mtimeMs).toBe(written);
    // A cache V8 rejects is only a slower start, and is written again.
    writeFileSync(cache, 'not a code cache');
    const again = run(cli, ['log', '--format', 'json'], repo.dir, repo.env);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
  });

  it('a cache another Node build wrote is never used: it is compiled afresh and replaced', () => {
    repo = tempRepo();
    dist = copyDist();
    const cli = join(dist, 'cli.js');
    const cache = join(dist, '.main.cjs.cli-log.v8cache');
    expect(run(cli, ['log', '--format', 'json'], repo.dir, repo.env).code).toBe(0);
    const raw = readFileSync(cache);
    const nl = raw.indexOf(0x0a);
    const stamp = raw.subarray(0, nl).toString('latin1');
    expect(stamp).toContain(` ${process.version} ${process.arch} `);
    // As if another Node release with the same V8 had written it.
    writeFileSync(cache, Buffer.concat([Buffer.from(stamp.replace(process.version, 'v0.0.0'), 'latin1'), raw.subarray(nl)]));
    const again = run(cli, ['log', '--format', 'json'], repo.dir, repo.env);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(cache).subarray(0, nl).toString('latin1')).toBe(stamp);
  });

  it('a bundle edited in place, even to the same length, is compiled afresh', () => {
    repo = tempRepo();
    dist = copyDist();
    const cli = join(dist, 'cli.js');
    const version = run(cli, ['--version'], repo.dir, repo.env).stdout.trim();
    expect(run(cli, ['--version'], repo.dir, repo.env).stdout.trim()).toBe(version);
    const main = join(dist, 'main.cjs');
    const patched = version.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
    // Every place the version is written (the cache key carries it too), same length.
    writeFileSync(main, readFileSync(main, 'utf8').split(version.replace('git-session ', '')).join(patched.replace('git-session ', '')));
    expect(run(cli, ['--version'], repo.dir, repo.env).stdout.trim()).toBe(patched);
  });

  it('a bundle edited in place with a character outside ASCII is read as UTF-8', () => {
    repo = tempRepo();
    dist = copyDist();
    const cli = join(dist, 'cli.js');
    const version = run(cli, ['--version'], repo.dir, repo.env).stdout.trim().replace('git-session ', '');
    const main = join(dist, 'main.cjs');
    // The build leaves the bundle ASCII and the binary reads it as latin1; a hand edit may not.
    writeFileSync(main, readFileSync(main, 'utf8').split(version).join(`${version}-café`));
    expect(run(cli, ['--version'], repo.dir, repo.env).stdout.trim()).toBe(`git-session ${version}-café`);
  });

  it('hooks keep their own cache, and a cache that can be neither read nor written costs nothing but speed', () => {
    repo = tempRepo();
    dist = copyDist();
    const cli = join(dist, 'cli.js');
    expect(run(cli, ['hook', 'commit-msg'], repo.dir, repo.env).code).toBe(0);
    expect(existsSync(join(dist, '.main.cjs.hook-commit-msg.v8cache'))).toBe(true);
    expect(existsSync(join(dist, '.main.cjs.hook-pre-commit.v8cache'))).toBe(false);
    expect(existsSync(join(dist, '.main.cjs.cli.v8cache'))).toBe(false);
    // A folder where the cache file goes: reading it and renaming onto it both fail.
    mkdirSync(join(dist, '.main.cjs.cli.v8cache', 'x'), { recursive: true });
    const r = run(cli, ['--version'], repo.dir, repo.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^git-session /);
    expect(r.stderr).toBe('');
    expect(readdirSync(dist).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
