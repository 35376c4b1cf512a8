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

/**
 * A branch from main with one commit of `message` (each string a paragraph), opened as
 * pull request `number` with `description`, and the action run on it.
 */
async function runOnPullRequest(number: number, branch: string, message: readonly string[], description: string) {
  const base = repo.git(['rev-parse', 'main']).stdout.trim();
  repo.git(['checkout', '-q', '-b', branch, base]);
  repo.write('src/convert.js', 'export const table = { m: 1 };\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', ...message.flatMap((m) => ['-m', m])]);
  const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  github.pulls.set(number, { number, title: 'Names', body: description, head: { ref: branch, sha: head }, base: { ref: 'main', sha: base } });
  const run = await runAction({ repo, github, scratch }, repo.dir, pullRequestEvent(scratch, { action: 'opened', number, base, head, body: description }));
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return { run, body: github.pulls.get(number)!.body! };
}

it('cleans control characters out of commit text before any of it reaches the pull request', async () => {
  const { run, body } = await runOnPullRequest(7, 'feature', ['Update \u202egnp.exe harmless \x1b[31mred', 'Decision: keep \u202eexe\x1b]0;title\x07 names — audit\x1b[0m trail'], 'Text.\n');
  expect(body).toContain('gnp.exe harmless');
  expect(body).toContain('names — audit');
  for (const [where, text] of [['description', body], ['summary', run.summary], ['notices', run.stdout]] as const) {
    expect(CONTROL.test(text), `${where}: ${JSON.stringify(text.match(CONTROL))}`).toBe(false);
  }
});

// An @ GitHub would notify: at the start or after a space or an opening mark, before a name.
const MENTION = /(^|[\s(["'*_])@[A-Za-z0-9]/m;

it('names people in the description without notifying them, and a squash commit built from it reads as written', async () => {
  const { body } = await runOnPullRequest(8, 'people', ['Cache as @lee asked', 'Decision: keep @babel/core out, as @dana said — `@babel/core` costs 40 ms'], 'Thanks @lee.\n');
  const block = body.slice(body.indexOf('<!-- git-session:review:start -->'));
  // The author's own text stays as written; the block names @lee, @dana and @babel quietly.
  expect(body.startsWith('Thanks @lee.\n')).toBe(true);
  expect(block).toContain('Cache as @\u200blee asked');
  expect(block).toContain('`@babel/core` costs 40 ms');
  expect(MENTION.test(block.replace(/`[^`\n]*`/g, '')), block).toBe(false);

  // GitHub's squash merge, set to use the title and description as the message.
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--squash', 'people']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'Cache (#8)', '-m', body]);
  const log = JSON.parse(repo.run(['log', '-1', '--format', 'json']).stdout);
  expect(log.commits[0].decisions.map((d: { text: string; reason: string }) => `${d.text} — ${d.reason}`)).toEqual([
    'keep @babel/core out, as @dana said — `@babel/core` costs 40 ms',
  ]);
});
