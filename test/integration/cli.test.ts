import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempRepo, type TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, sessionRepo, trailerValues } from './commit-setup.js';

const PACKAGE = resolve(__dirname, '../..');

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/**
 * A copy of the binary's CommonJS files without the ES modules beside them, first on
 * PATH for the hooks: what runs from it needed nothing else.
 */
function loneBinary(r: TempRepo): { bin: string; env: NodeJS.ProcessEnv } {
  const dir = join(r.home, 'lone');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const file of ['cli.js', 'main.cjs', 'package.json']) copyFileSync(join(dirname(BIN), file), join(dir, file));
  writeFileSync(join(dir, 'bin', 'git-session'), `#!/bin/sh\nexec node "${join(dir, 'cli.js')}" "$@"\n`, { mode: 0o755 });
  return { bin: join(dir, 'cli.js'), env: { PATH: `${join(dir, 'bin')}:${r.env.PATH ?? ''}` } };
}

describe('the binary', () => {
  it('prints its version', () => {
    repo = tempRepo();
    const r = repo.run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^git-session \d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit 2 and a fix', () => {
    repo = tempRepo();
    const r = repo.run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('--help');
  });

  it('names an unknown option as it was typed, with exit 2', () => {
    repo = tempRepo();
    const r = repo.run(['log', '--first-parent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown option `--first-parent`');
    expect(repo.run(['log', '--no-such-thing']).stderr).toContain('Unknown option `--no-such-thing`');
  });

  it("maps a command's own error to its exit code: status outside a repository exits 3", () => {
    repo = tempRepo();
    const r = repo.run(['status'], { cwd: repo.home });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^git-session: /);
    expect(r.stderr).not.toContain('internal error');
  });

  it('runs as a git subcommand: `git session --version`', () => {
    repo = tempRepo();
    const r = repo.git(['session', '--version']);
    expect(r.stdout).toMatch(/^git-session /);
  });

  it('reports an unknown hook on stderr and lets git go on (exit 0)', () => {
    repo = tempRepo();
    const r = repo.run(['hook', 'post-nothing']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unknown hook "post-nothing"');
  });
});

describe('the start-up path', () => {
  it('--version needs nothing but the CommonJS binary', () => {
    repo = tempRepo();
    const lone = loneBinary(repo);
    const r = repo.run(['--version']);
    const alone = gitNoTty(repo, ['session', '--version'], lone.env);
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toBe(r.stdout);
  });

  it('a commit after `git session decide` needs nothing but the CommonJS binary, with -m and with an editor', () => {
    repo = sessionRepo();
    const lone = loneBinary(repo);
    expect(repo.run(['decide', 'Round once at the end', '--because', 'no drift']).code).toBe(0);
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Round once'], lone.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(trailerValues(repo, 'Decision')).toEqual(['Round once at the end — no drift']);
    expect(repo.git(['show', '--stat', 'HEAD']).stdout).toContain('.session/journal/');

    // An editor commit hands the trailers to the binary's prepare-commit-msg.
    expect(repo.run(['dead-end', 'Floats for money', '--because', 'rounding errors']).code).toBe(0);
    repo.write('src/convert.js', code(6));
    repo.git(['add', '-A']);
    const editor = join(repo.home, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "Edited subject\\n" | cat - "$1" > "$1.new" && mv "$1.new" "$1"\n', { mode: 0o755 });
    const e = gitNoTty(repo, ['commit', '-q'], { ...lone.env, GIT_EDITOR: editor });
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toBe('');
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Edited subject');
    expect(trailerValues(repo, 'Dead-End')).toEqual(['Floats for money — rounding errors']);
  });
});

describe('the package', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    exports: Record<string, { import?: string } | string>;
    files: string[];
  };

  it('names an executable bin with a node shebang', () => {
    const bin = join(PACKAGE, pkg.bin['git-session']!);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
  });

  it('exports the library as an ES module', async () => {
    const entry = pkg.exports['.'];
    const file = typeof entry === 'string' ? entry : entry?.import;
    expect(file).toBeDefined();
    expect(existsSync(join(PACKAGE, file!))).toBe(true);
    const lib = (await import(pathToFileURL(join(PACKAGE, file!)).href)) as { ExitCode: { Usage: number } };
    expect(lib.ExitCode.Usage).toBe(2);
  });
});
