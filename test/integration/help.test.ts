import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const ROOT = resolve(__dirname, '../..');
const MAN = join(ROOT, 'man/git-session.1');
const hasMan = spawnSync('sh', ['-c', 'command -v man'], { encoding: 'utf8' }).status === 0;

describe('help', () => {
  it('ships a man page that names every command', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { man: string[]; files: string[] };
    expect(pkg.man).toEqual(['./man/git-session.1']);
    expect(pkg.files).toContain('man/');
    const page = readFileSync(MAN, 'utf8');
    repo = tempRepo();
    const help = repo.run(['--help']);
    expect(help.code).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+)(?= )/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(10);
    for (const command of commands) expect(page.replace(/\\-/g, '-'), command).toMatch(new RegExp(`^\\.BI? ${command}\\b`, 'm'));
  });

  it.skipIf(!hasMan)('git session --help shows the manual once the page is installed (as npm does for a global install)', () => {
    repo = tempRepo();
    const manpath = join(repo.home, 'man');
    mkdirSync(join(manpath, 'man1'), { recursive: true });
    copyFileSync(MAN, join(manpath, 'man1/git-session.1'));
    expect(existsSync(join(manpath, 'man1/git-session.1'))).toBe(true);
    const env = { MANPATH: manpath, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '80' };
    for (const args of [['session', '--help'], ['help', 'session']]) {
      const r = repo.git(args, { env, allowFail: true });
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain('No manual entry');
      expect(r.stdout).toContain('git-session - keep the decisions');
    }
  });
});
