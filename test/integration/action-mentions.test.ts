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
  scratch = mkdtempSync(join(tmpdir(), 'git-session-action-mentions-'));
  github = await fakeGitHub(OWNER, NAME);
  repo = sessionRepo();
});

afterAll(async () => {
  await github?.close();
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

// An @ GitHub would notify: at the start or after a space or an opening mark, before a name.
const MENTION = /(^|[\s(["'*_])@[A-Za-z0-9]/m;

it('names people in the description without notifying them, and a squash commit built from it reads as written', async () => {
  const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  repo.git(['checkout', '-q', '-b', 'feature']);
  repo.write('src/convert.js', 'export const table = { m: 1 };\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Cache as @lee asked', '-m', 'Decision: keep @babel/core out, as @dana said — `@babel/core` costs 40 ms']);
  const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  github.pulls.set(7, { number: 7, title: 'Cache', body: 'Thanks @lee.\n', head: { ref: 'feature', sha: head }, base: { ref: 'main', sha: base } });
  const run = await runAction({ repo, github, scratch }, repo.dir, pullRequestEvent(scratch, { action: 'opened', number: 7, base, head, body: 'Thanks @lee.\n' }));
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const body = github.pulls.get(7)!.body!;
  const block = body.slice(body.indexOf('<!-- git-session:review:start -->'));
  // The author's own text stays as written; the block names @lee, @dana and @babel quietly.
  expect(body.startsWith('Thanks @lee.\n')).toBe(true);
  expect(block).toContain('Cache as @\u200blee asked');
  expect(block).toContain('`@babel/core` costs 40 ms');
  expect(MENTION.test(block.replace(/`[^`\n]*`/g, '')), block).toBe(false);

  // GitHub's squash merge, set to use the title and description as the message.
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--squash', 'feature']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'Cache (#7)', '-m', body]);
  const log = JSON.parse(repo.run(['log', '-1', '--format', 'json']).stdout);
  expect(log.commits[0].decisions.map((d: { text: string; reason: string }) => `${d.text} — ${d.reason}`)).toEqual([
    'keep @babel/core out, as @dana said — `@babel/core` costs 40 ms',
  ]);
});
