import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, TIMEOUT_MS, installAsDevDependency, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const LEFTHOOK = resolve(__dirname, '../../node_modules/.bin/lefthook');
const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

type Install = 'project' | 'global' | 'missing';

/** PATH without the test binary, plus what the install kind puts where. */
function place(r: TempRepo, install: Install): NodeJS.ProcessEnv {
  const bare = (r.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':');
  if (install === 'project') {
    installAsDevDependency(r.dir);
    writeFileSync(join(r.dir, '.gitignore'), 'node_modules\n');
  }
  return { PATH: install === 'global' ? r.env.PATH : bare };
}

/** The config lines init printed for the hook manager, as they go into its file. */
function printedLines(out: string): string {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => /install.*`:$/.test(l)) + 2;
  const end = lines.findIndex((l, i) => i >= start && l.trim() === '');
  return lines.slice(start, end === -1 ? undefined : end).map((l) => l.slice(4)).join('\n') + '\n';
}

/** Records a decision, commits it with code, and returns the commit's message and what git said. */
function commitDecision(r: TempRepo, env: NodeJS.ProcessEnv): { message: string; stderr: string; files: string } {
  expect(r.run(['decide', 'Follow the printed lines', '--because', 'they must work as printed']).code).toBe(0);
  r.write('src/a.ts', 'export const a = 1;\n');
  r.git(['add', '-A'], { env });
  const commit = r.git(['commit', '-m', 'Add a'], { env, allowFail: true });
  expect(commit.code, commit.stderr + commit.stdout).toBe(0);
  return {
    message: r.git(['log', '-1', '--format=%B']).stdout,
    stderr: commit.stderr + commit.stdout,
    files: r.git(['show', '--name-only', '--format=', 'HEAD']).stdout,
  };
}

/** What following the printed lines gives: the commit recorded, or, without a binary, let through with one line. */
function expectFollowed(made: ReturnType<typeof commitDecision>, install: 'project' | 'global' | 'missing'): void {
  if (install === 'missing') {
    expect(made.stderr).toContain('git-session was not found, so this commit skips session capture');
    expect(made.message).not.toContain('Decision:');
  } else {
    expect(made.message).toContain('Decision: Follow the printed lines — they must work as printed');
    expect(made.files).toContain('.session/journal/');
  }
}

describe('lefthook, following the lines init prints', () => {
  for (const install of ['project', 'global', 'missing'] as const) {
    it(`works with a ${install === 'missing' ? 'missing binary (fails open)' : `${install} install`}`, () => {
      repo = tempRepo();
      const env = { ...place(repo, install), LEFTHOOK_BIN: LEFTHOOK };
      repo.write('lefthook.yml', 'pre-push:\n  commands:\n    noop:\n      run: "true"\n');
      const init = repo.run(['init']);
      expect(init.code).toBe(0);
      appendFileSync(join(repo.dir, 'lefthook.yml'), printedLines(init.stdout));
      const setup = spawnSync(LEFTHOOK, ['install'], { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8', timeout: TIMEOUT_MS });
      expect(setup.status, setup.stderr + setup.stdout).toBe(0);
      repo.git(['add', '-A'], { env });
      repo.git(['commit', '-q', '-m', 'Start a git-session'], { env });
      expectFollowed(commitDecision(repo, env), install);
    });
  }
});

const preCommitTitle = havePreCommit
  ? 'pre-commit, following the lines init prints'
  : 'pre-commit, following the lines init prints (SKIPPED: pre-commit is not installed here; apt-get install pre-commit)';

describe.skipIf(!havePreCommit)(preCommitTitle, () => {
  for (const install of ['project', 'global', 'missing'] as const) {
    it(`works with a ${install === 'missing' ? 'missing binary (fails open)' : `${install} install`}`, () => {
      repo = tempRepo();
      const env = place(repo, install);
      repo.write('.pre-commit-config.yaml', 'repos: []\n');
      const init = repo.run(['init']);
      expect(init.code).toBe(0);
      repo.write('.pre-commit-config.yaml', printedLines(init.stdout));
      const types = ['--hook-type', 'pre-commit', '--hook-type', 'prepare-commit-msg', '--hook-type', 'commit-msg'];
      const setup = spawnSync('pre-commit', ['install', ...types], { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8', timeout: TIMEOUT_MS });
      expect(setup.status, setup.stderr + setup.stdout).toBe(0);
      repo.git(['add', '-A'], { env });
      repo.git(['commit', '-q', '-m', 'Start a git-session'], { env });
      expectFollowed(commitDecision(repo, env), install);
    });
  }

  it('accepts the shipped .pre-commit-hooks.yaml', () => {
    const check = spawnSync('pre-commit', ['validate-manifest', resolve(__dirname, '../../.pre-commit-hooks.yaml')], { encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
