import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NAME, OWNER, pullRequestEvent, runAction } from '../helpers/action-run.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import type { TempRepo } from '../helpers/repo.js';
import { sessionRepo } from './commit-setup.js';

let repo: TempRepo;
let github: FakeGitHub;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'git-session-action-clean-'));
  github = await fakeGitHub(OWNER, NAME);
  repo = sessionRepo();
});

afterAll(async () => {
  await github?.close();
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

// Control characters, an escape sequence and a bidirectional override, as a commit message can carry them.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

it('cleans control characters out of commit text before any of it reaches the pull request', async () => {
  const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  repo.git(['checkout', '-q', '-b', 'feature']);
  repo.write('src/convert.js', 'export const table = { m: 1 };\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Update \u202egnp.exe harmless \x1b[31mred', '-m', 'Decision: keep \u202eexe\x1b]0;title\x07 names — audit\x1b[0m trail']);
  const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  github.pulls.set(7, { number: 7, title: 'Names', body: 'Text.\n', head: { ref: 'feature', sha: head }, base: { ref: 'main', sha: base } });
  const run = await runAction({ repo, github, scratch }, repo.dir, pullRequestEvent(scratch, { action: 'opened', number: 7, base, head, body: 'Text.\n' }));
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const body = github.pulls.get(7)!.body!;
  expect(body).toContain('gnp.exe harmless');
  expect(body).toContain('names — audit');
  for (const [where, text] of [['description', body], ['summary', run.summary], ['notices', run.stdout]] as const) {
    expect(CONTROL.test(text), `${where}: ${JSON.stringify(text.match(CONTROL))}`).toBe(false);
  }
});
