import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, pullRequestEvent, runAction, squashTrailers, START, warnings, type ActionSetup } from '../helpers/action-run.js';
import { BODY_LIMIT, fakeGitHub } from '../helpers/fake-github.js';
import { sessionRepo } from './commit-setup.js';

// A branch of 300 commits, each with a long decision: the review alone is past GitHub's
// 65,536 characters for a body, and the trailers the description ends with take most of them.

const COMMITS = 300;
const AUTHOR_TEXT = 'Moves the converter to a cache.\r\n\r\nRésumé ✓\r\n';
const decision = (i: number) =>
  `keep entry ${i} of the converter cache in memory while the batch runs, for every file it parses — reading it back from disk was the slowest step of run ${i} on the CI runners, twice the parse`;

let setup: ActionSetup;
let base: string;
let head: string;

/** The commits, made by git fast-import in one process: hooks would take minutes for 300. */
function fastImport(from: string): void {
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i < COMMITS; i++) {
    chunks.push(
      'commit refs/heads/feature\n',
      `committer Ada Tester <ada@example.com> ${1_790_000_000 + i * 60} +0000\n`,
      data(`Change ${i} of the cache\n\nDecision: ${decision(i)}\n`),
      i === 0 ? `from ${from}\n` : '',
      `M 100644 inline src/cache-${i % 20}.js\n`,
      data(`export const entry${i} = ${i};\n`),
    );
  }
  setup.repo.git(['fast-import', '--quiet'], { input: chunks.join('') });
}

beforeAll(async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'git-session-action-limits-'));
  setup = { repo: sessionRepo(), github: await fakeGitHub('octo', 'converter'), scratch };
  base = setup.repo.git(['rev-parse', 'HEAD']).stdout.trim();
  fastImport(base);
  setup.repo.git(['checkout', '-q', 'feature']);
  head = setup.repo.git(['rev-parse', 'HEAD']).stdout.trim();
});

afterAll(async () => {
  await setup?.github.close();
  setup?.repo.cleanup();
  if (setup) rmSync(setup.scratch, { recursive: true, force: true });
});

describe('the GitHub Action with a review past GitHub’s body limit', () => {
  it('shortens the description block to fit, says so and where the rest is, and keeps every trailer last', async () => {
    setup.github.pulls.set(8, { number: 8, title: 'Cache', body: AUTHOR_TEXT, head: { ref: 'feature', sha: head }, base: { ref: 'main', sha: base } });
    const run = await runAction(setup, setup.repo.dir, pullRequestEvent(setup.scratch, { action: 'opened', number: 8, base, head, body: AUTHOR_TEXT }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(warnings(run.stdout)).toEqual([]);
    const body = setup.github.pulls.get(8)!.body!;
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.startsWith(`${AUTHOR_TEXT}\r\n${START}\n`)).toBe(true);
    expect(body).toMatch(/\*This review was shortened to fit GitHub's limit of 65,536 characters: it leaves out 300 of 300 commits, \d+ of \d+ files most touched, \d+ of 300 decisions\./);
    const range = /Session-Review: (\S+) /.exec(body)![1]!;
    expect(body).toContain(`The whole review is in the job summary of [this run](https://github.com/octo/converter/actions/runs/4242), and \`git session review ${range}\` prints it.`);
    expect(squashTrailers(setup.repo, 'Cache', 8, body, 'Decision')).toEqual(Array.from({ length: COMMITS }, (_, i) => decision(i)));
    // The job summary, far under its 1 MiB, holds the whole review.
    expect(run.summary).toContain(`- ${decision(COMMITS - 1)}`);
    expect(run.summary).toContain(`Change ${COMMITS - 1} of the cache`);
    expect(run.summary).not.toContain('shortened');
    expect(output(run, 'decisions')).toBe(String(COMMITS));
  });

  it('shortens the comment to fit too', async () => {
    const run = await runAction(setup, setup.repo.dir, pullRequestEvent(setup.scratch, { action: 'synchronize', number: 8, base, head, body: AUTHOR_TEXT }), { comment: 'true' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(warnings(run.stdout)).toEqual([]);
    const comments = setup.github.comments.get(8)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(comments[0]!.body).toContain('*This review was shortened to fit');
  });
});
