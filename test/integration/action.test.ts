import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME, notices, output, OWNER, warnings, pullRequestEvent as eventFile, runAction as run, START, squashTrailers as trailersOf, type ActionRun } from '../helpers/action-run.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import type { TempRepo } from '../helpers/repo.js';
import { sessionRepo } from './commit-setup.js';

let repo: TempRepo;
let github: FakeGitHub;
let scratch: string;
let base: string;
const AUTHOR_TEXT = 'Caches parsed files.\r\n\r\nRésumé: ünïcödé ✓, 100% kept\r\n- a list item\r\n';

function lines(n: number, tag: string): string {
  return Array.from({ length: n }, (_, i) => `const ${tag}${i + 1} = ${i + 1};`).join('\n') + '\n';
}

function replaceLines(text: string, at: Record<number, string>): string {
  return text
    .split('\n')
    .map((l, i) => at[i + 1] ?? l)
    .join('\n');
}

/** Commits the files; `record` runs decide/dead-end first, so the hooks write the trailers. */
function commit(subject: string, files: Record<string, string>, record?: string[]): string {
  if (record) {
    const r = repo.run(record);
    expect(r.code, r.stderr).toBe(0);
  }
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', subject]);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** A `pull_request` event for PR #7. */
function pullRequestEvent(action: string, head: string, body: string | null): string {
  return eventFile(scratch, { action, number: 7, base, head, body });
}

function runAction(cwd: string, event: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return run({ repo, github, scratch }, cwd, event, inputs);
}

function squashTrailers(title: string, body: string, key: string): string[] {
  return trailersOf(repo, title, 7, body, key);
}

let head1: string;
let head2: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'git-session-action-'));
  github = await fakeGitHub(OWNER, NAME);
  repo = sessionRepo();
  repo.write('src/parse.js', lines(12, 'p'));
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Add the parser']);
  base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
  repo.git(['checkout', '-q', '-b', 'feature']);
  const parse = lines(12, 'p');
  commit('Cache parsed files', { 'src/parse.js': replaceLines(parse, { 3: 'const cache = new Map();', 4: 'const hits = 0;' }) }, [
    'decide',
    'cache parsed files by path',
    '--because',
    'parsing dominates the run',
  ]);
  commit('Rename a constant', { 'src/parse.js': replaceLines(repo.read('src/parse.js'), { 9: 'const p9renamed = 9;' }), 'src/plain.js': 'plain\n' });
  head1 = commit('Drop the watcher', { 'src/watch.js': 'poll\nevery second\n' }, ['dead-end', 'fs.watch for invalidation', '--because', 'misses renames on macOS']);
});

afterAll(async () => {
  await github?.close();
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the GitHub Action', () => {
  it('adds the review block once, keeps the author text byte for byte, and the squash message keeps the trailers', async () => {
    github.pulls.set(7, { number: 7, title: 'Cache parsed files', body: AUTHOR_TEXT, head: { ref: 'feature', sha: head1 }, base: { ref: 'main', sha: base } });
    const run = await runAction(repo.dir, pullRequestEvent('opened', head1, AUTHOR_TEXT));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = github.pulls.get(7)!.body!;
    expect(body.startsWith(AUTHOR_TEXT)).toBe(true);
    expect(body.split(START)).toHaveLength(2);
    expect(body).toContain('## Decisions');
    expect(body).toContain('cache parsed files by path');
    // The trailers are git's last paragraph of the squash message built from the description.
    expect(squashTrailers('Cache parsed files', body, 'Decision')).toEqual(['cache parsed files by path — parsing dominates the run']);
    expect(squashTrailers('Cache parsed files', body, 'Dead-end')).toEqual(['fs.watch for invalidation — misses renames on macOS']);
    const patches = github.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/repos/${OWNER}/${NAME}/pulls/7`);
    expect(patches[0]!.authorization).toBe('token test-token');
    expect(output(run, 'decisions')).toBe('1');
    expect(output(run, 'dead-ends')).toBe('1');
    expect(run.summary).toContain('cache parsed files by path');
  });

  it('puts notices on the changed lines whose last change carries a decision or dead end, one per range', async () => {
    const run = await runAction(repo.dir, pullRequestEvent('opened', head1, AUTHOR_TEXT), { description: 'false' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(notices(run.stdout).sort()).toEqual(['src/parse.js:3-4', 'src/watch.js:1-2']);
    expect(run.stdout).toMatch(/^::notice file=src\/parse\.js,line=3,endLine=4,title=1 decision behind these lines::Decision: cache parsed files by path — parsing dominates the run \([0-9a-f]{7}\)$/m);
    expect(output(run, 'annotations')).toBe('2');
    const capped = await runAction(repo.dir, pullRequestEvent('opened', head1, AUTHOR_TEXT), { description: 'false', 'max-annotations': '1', format: 'json' });
    expect(notices(capped.stdout)).toHaveLength(1);
    expect(capped.summary).toContain('1 of these is not shown as notices');
    const json = /^```json\n([\s\S]*?)\n```\n/.exec(capped.summary);
    expect(JSON.parse(json![1]!).decisions).toEqual([expect.objectContaining({ text: 'cache parsed files by path', reason: 'parsing dominates the run' })]);
  });

  it('on the next push replaces the block in place, keeping text the author added around it', async () => {
    const pull = github.pulls.get(7)!;
    pull.body = `Intro added later ☕\r\n\r\n${pull.body!}`;
    const before = pull.body.slice(0, pull.body.indexOf(START));
    head2 = commit('Bound the cache', { 'src/parse.js': replaceLines(repo.read('src/parse.js'), { 11: 'const limit = 512;' }) }, [
      'decide',
      'bound the cache at 512 entries',
      '--because',
      'memory on CI runners',
    ]);
    pull.head.sha = head2;
    const run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, pull.body));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = pull.body!;
    expect(body.split(START)).toHaveLength(2);
    expect(body.startsWith(before)).toBe(true);
    expect(body).toContain('bound the cache at 512 entries');
    expect(squashTrailers(pull.title, body, 'Decision')).toEqual([
      'cache parsed files by path — parsing dominates the run',
      'bound the cache at 512 entries — memory on CI runners',
    ]);
    expect(notices(run.stdout)).toContain('src/parse.js:11-11');
    // Nothing changed since: the description is left alone.
    const patches = github.requests.filter((r) => r.method === 'PATCH').length;
    await runAction(repo.dir, pullRequestEvent('edited', head2, body));
    expect(github.requests.filter((r) => r.method === 'PATCH').length).toBe(patches);
    expect(pull.body).toBe(body);
  });

  it('leaves the description to the run for the newer head when the pull request moved on while it ran', async () => {
    const pull = github.pulls.get(7)!;
    const body = pull.body!;
    const patches = github.requests.filter((r) => r.method === 'PATCH').length;
    // The run for an older head finishes after the newer one's.
    const run = await runAction(repo.dir, pullRequestEvent('synchronize', head1, body));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`head moved on to ${head2.slice(0, 7)} while this run reviewed ${head1.slice(0, 7)}`);
    expect(github.requests.filter((r) => r.method === 'PATCH').length).toBe(patches);
    expect(pull.body).toBe(body);
  });

  it('keeps one sticky comment instead of the description when asked', async () => {
    const pull = github.pulls.get(7)!;
    const body = pull.body;
    for (let i = 0; i < 2; i++) {
      const run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, body), { comment: 'true' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    const comments = github.comments.get(7)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(START)).toBe(true);
    expect(comments[0]!.body).toContain('bound the cache at 512 entries');
    expect(pull.body).toBe(body);
  });

  it("never edits a person's comment that mentions the marker, and finds its own on any page", async () => {
    const pull = github.pulls.get(7)!;
    const bob = { id: 1, login: 'bob', body: `Why does the bot write \`${START}\` into the PR? Please explain.` };
    github.comments.set(7, [bob]);
    try {
      let run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, pull.body), { comment: 'true' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const list = github.comments.get(7)!;
      expect(list).toHaveLength(2);
      expect(list[0]).toEqual({ id: 1, login: 'bob', body: `Why does the bot write \`${START}\` into the PR? Please explain.` });
      const ours = list[1]!;
      expect(ours.login).toBe('github-actions[bot]');
      expect(ours.body).toContain('bound the cache at 512 entries');
      // A person pasting the bot's block and another bot's block come first, over two pages.
      const carol = { id: 2, login: 'carol', body: `Pasted from the bot:\n\n${ours.body}` };
      const other = { id: 3, login: 'renovate[bot]', body: ours.body };
      list.splice(1, 0, carol, other);
      const theirs = [carol.body, other.body];
      ours.body = ours.body.replace(/bound the cache at 512 entries/g, 'stale');
      github.pageSize = 2;
      run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, pull.body), { comment: 'true' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(list.map((c) => c.id)).toEqual([1, 2, 3, ours.id]);
      expect(ours.body).toContain('bound the cache at 512 entries');
      expect([carol.body, other.body]).toEqual(theirs);
      expect(github.requests.filter((r) => r.method === 'PATCH' && /comments\/[123]$/.test(r.path))).toEqual([]);
      // A token of another user (an app's, a person's) does not take github-actions' comment for its own.
      github.viewer = 'octo-review[bot]';
      ours.body = 'stale';
      run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, pull.body), { comment: 'true' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(list.map((c) => c.login)).toEqual(['bob', 'carol', 'renovate[bot]', 'github-actions[bot]', 'octo-review[bot]']);
    } finally {
      github.pageSize = 100;
      github.viewer = 'github-actions[bot]';
    }
  });

  it('writes a new comment when the edit of its own is refused', async () => {
    const pull = github.pulls.get(7)!;
    github.comments.set(7, [{ id: 5, login: 'github-actions[bot]', body: `${START}\nstale\n<!-- git-session:review:end -->` }]);
    github.refused.add(`PATCH /repos/${OWNER}/${NAME}/issues/comments/5`);
    try {
      const run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, pull.body), { comment: 'true' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const list = github.comments.get(7)!;
      expect(list).toHaveLength(2);
      expect(list[0]!.body).toContain('stale');
      expect(list[1]!.body).toContain('bound the cache at 512 entries');
      expect(warnings(run.stdout)).toEqual([]);
    } finally {
      github.refused.clear();
    }
  });

  it('with an empty token (a secret in a pull request from a fork) warns once and still writes the outputs, notices and summary', async () => {
    const pull = github.pulls.get(7)!;
    const body = pull.body;
    const before = github.requests.length;
    for (const mode of [{}, { comment: 'true' }] as Record<string, string>[]) {
      const run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, body), { ...mode, token: '' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const where = 'comment' in mode ? 'comment' : 'description';
      expect(warnings(run.stdout)).toEqual([
        `input token is empty (a secret is, in a pull request from a fork), so the review was not written to the pull request ${where}; the outputs, notices and job summary were.`,
      ]);
      expect(run.stdout).not.toMatch(/^::error::/m);
      expect(output(run, 'decisions')).toBe('2');
      expect(output(run, 'dead-ends')).toBe('1');
      expect(output(run, 'annotations')).toBe(String(notices(run.stdout).length));
      expect(notices(run.stdout).length).toBeGreaterThan(0);
      expect(run.summary).toContain('bound the cache at 512 entries');
    }
    expect(github.requests.length).toBe(before);
    expect(pull.body).toBe(body);
  });

  it('warns, naming the permission, when the token may not write the description', async () => {
    const pull = github.pulls.get(7)!;
    const body = `${pull.body!.replace(/bound the cache at 512 entries/g, 'stale')}`;
    pull.body = body;
    github.readOnly = true;
    try {
      const run = await runAction(repo.dir, pullRequestEvent('synchronize', head2, body));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^::warning::could not update the pull request description \(HTTP 403\).*permissions: pull-requests: write/m);
      expect(output(run, 'decisions')).toBe('2');
      expect(pull.body).toBe(body);
    } finally {
      github.readOnly = false;
    }
  });

  it('fails with the checkout setting to change when the clone is shallow', async () => {
    const shallow = join(scratch, 'shallow');
    repo.git(['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow]);
    const run = await runAction(shallow, pullRequestEvent('synchronize', head2, 'x'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::git-session: this clone is shallow.*fetch-depth: 0/m);
    expect(github.requests.filter((r) => r.method === 'PATCH' && r.body && (r.body as { body: string }).body === 'x')).toEqual([]);
  });

  it("reviews from where the head leaves the base branch as fetched, when the event's base commit is older", async () => {
    // Another pull request lands a decision on main; this one is rebased onto it.
    repo.git(['checkout', '-q', 'main']);
    commit('Move to Postgres 16', { 'db.txt': '16\n' }, ['decide', 'Use Postgres 16', '--because', 'the old one is out of support']);
    repo.git(['checkout', '-q', '-b', 'rebased']);
    const head = commit('Cache by path', { 'cache.txt': 'path\n' }, ['decide', 'Cache by path', '--because', 'paths are stable']);
    // actions/checkout fetches the base branch; the event still names main as it was.
    repo.git(['update-ref', 'refs/remotes/origin/main', 'main']);
    github.pulls.set(8, { number: 8, title: 'Cache by path', body: '', head: { ref: 'rebased', sha: head }, base: { ref: 'main', sha: base } });
    const run = await runAction(repo.dir, eventFile(scratch, { action: 'synchronize', number: 8, base, head, body: '' }));
    repo.git(['checkout', '-q', 'feature']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(output(run, 'decisions')).toBe('1');
    const body = github.pulls.get(8)!.body!;
    expect(body).toContain('Cache by path');
    expect(body).not.toContain('Postgres');
  });

  it('weaves no trailers where every decision of the branch was retired in it, rather than its list of commits', async () => {
    repo.git(['checkout', '-q', '-b', 'retired', 'main']);
    commit('Try a TTL cache', { 'ttl.txt': 'ttl\n' }, ['decide', 'Expire entries after an hour', '--because', 'simple']);
    repo.git(['revert', '--no-edit', 'HEAD']);
    const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const from = repo.git(['rev-parse', 'main']).stdout.trim();
    github.pulls.set(9, { number: 9, title: 'TTL', body: '', head: { ref: 'retired', sha: head }, base: { ref: 'main', sha: from } });
    const run = await runAction(repo.dir, eventFile(scratch, { action: 'opened', number: 9, base: from, head, body: '' }));
    repo.git(['checkout', '-q', 'feature']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = github.pulls.get(9)!.body!;
    expect(body).toContain('Expire entries after an hour');
    expect(body).not.toContain('Session-Review:');
    expect(body.trimEnd().endsWith('<!-- git-session:review:end -->')).toBe(true);
    // The list of commits once, in the review: not again as the block's last paragraph.
    expect(body.split(' Try a TTL cache\n').length - 1).toBe(1);
  });
});
