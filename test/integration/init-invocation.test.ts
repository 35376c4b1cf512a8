import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { gs, snapshot, withoutGitSession } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

// After `npm install --save-dev git-session` there is no `git-session` on PATH, and
// `git session …` fails ("'session' is not a git command"): what init writes for the
// assistant and prints for the user must then say `npx git-session …`.
describe('init writes commands that run here', () => {
  it('says npx git-session when no git-session is on PATH, and a second init changes no byte', () => {
    repo = tempRepo();
    const env = { PATH: withoutGitSession() };
    const first = gs(repo, ['init', '--agents', 'all'], repo.dir, env);
    expect(first.code, first.stderr).toBe(0);
    const claude = repo.read('CLAUDE.md');
    expect(claude).toContain("`npx git-session decide '...' --because '...'`");
    expect(claude).toContain('`npx git-session checkpoint`');
    expect(claude).not.toMatch(/(?<!npx )git session /);
    for (const file of ['AGENTS.md', 'GEMINI.md', '.github/copilot-instructions.md', '.cursor/rules/git-session.mdc']) {
      expect(readFileSync(join(repo.dir, file), 'utf8'), file).toContain('npx git-session set-status');
    }
    expect(first.stdout).toContain('`npx git-session uninstall` removes all of this again');
    expect(first.stdout).not.toMatch(/(?<!npx )git session /);

    const before = snapshot(repo.dir);
    const second = gs(repo, ['init', '--agents', 'all'], repo.dir, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('nothing was written');
    expect(snapshot(repo.dir)).toEqual(before);

    const status = gs(repo, ['status'], repo.dir, { PATH: withoutGitSession() });
    expect(status.code, status.stderr).toBe(0);
  });

  it('says git session when a git-session is on PATH, and a second init changes no byte', () => {
    repo = tempRepo();
    const first = repo.run(['init']);
    expect(first.code, first.stderr).toBe(0);
    const claude = repo.read('CLAUDE.md');
    expect(claude).toContain("`git session decide '...' --because '...'`");
    expect(claude).not.toContain('npx git-session');
    expect(first.stdout).toContain('`git session uninstall` removes all of this again');
    const before = snapshot(repo.dir);
    expect(repo.run(['init']).code).toBe(0);
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('prints the uninstall dry run in the form that runs here', () => {
    repo = tempRepo();
    expect(gs(repo, ['init'], repo.dir, { PATH: withoutGitSession() }).code).toBe(0);
    const dry = gs(repo, ['uninstall', '--dry-run'], repo.dir, { PATH: withoutGitSession() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Run `npx git-session uninstall` to apply.');
  });
});
