import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

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

  it('runs as a git subcommand: `git session --version`', () => {
    repo = tempRepo();
    const r = repo.git(['session', '--version']);
    expect(r.stdout).toMatch(/^git-session /);
  });
});
