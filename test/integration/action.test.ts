import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { TIMEOUT_MS, type Run, type TempRepo } from '../helpers/repo.js';
import { sessionRepo } from './commit-setup.js';

/** The committed bundle, run as GitHub runs it: `node action/index.js`. */
const ACTION = resolve(__dirname, '../../action/index.js');
const OWNER = 'octo';
const NAME = 'converter';
const START = '<!-- git-session:review:start -->';

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

/** A `pull_request` webhook payload in the shape GitHub documents, for PR #7 of octo/converter. */
function pullRequestEvent(action: string, head: string, body: string | null): string {
  const user = { login: 'ada', id: 1, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false };
  const repository = {
    id: 42,
    node_id: 'R_42',
    name: NAME,
    full_name: `${OWNER}/${NAME}`,
    private: false,
    owner: { login: OWNER, id: 2, node_id: 'MDEyOk9yZ2FuaXphdGlvbjI=', type: 'Organization', site_admin: false },
    html_url: `https://github.com/${OWNER}/${NAME}`,
    default_branch: 'main',
  };
  const payload = {
    action,
    number: 7,
    pull_request: {
      url: `https://api.github.com/repos/${OWNER}/${NAME}/pulls/7`,
      id: 1007,
      node_id: 'PR_7',
      html_url: `https://github.com/${OWNER}/${NAME}/pull/7`,
      number: 7,
      state: 'open',
      locked: false,
      title: 'Cache parsed files',
      user,
      body,
      created_at: '2026-11-02T10:00:00Z',
      updated_at: '2026-11-02T10:00:00Z',
      draft: false,
      head: { label: `${OWNER}:feature`, ref: 'feature', sha: head, user, repo: repository },
      base: { label: `${OWNER}:main`, ref: 'main', sha: base, user, repo: repository },
      author_association: 'OWNER',
    },
    repository,
    sender: user,
  };
  const file = join(scratch, `event-${action}-${head.slice(0, 7)}.json`);
  writeFileSync(file, JSON.stringify(payload, null, 2));
  return file;
}

interface ActionRun extends Run {
  outputs: string;
  summary: string;
}

/** Runs the action's bundle in `cwd` as a runner would: event file, inputs and API URL in the environment. */
function runAction(cwd: string, event: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const outputs = join(scratch, 'output.txt');
  const summary = join(scratch, 'summary.md');
  writeFileSync(outputs, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    ...repo.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
    GITHUB_WORKSPACE: cwd,
    GITHUB_OUTPUT: outputs,
    GITHUB_STEP_SUMMARY: summary,
    INPUT_TOKEN: 'test-token',
    no_proxy: '*',
    NO_PROXY: '*',
  };
  for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete env[k];
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ACTION], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the action did not finish in ${TIMEOUT_MS} ms: ${stdout}${stderr}`));
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, outputs: readFileSync(outputs, 'utf8'), summary: readFileSync(summary, 'utf8') });
    });
  });
}

/** `::notice file=…,line=…,endLine=…` lines of a run, as `path:start-end`. */
function notices(stdout: string): string[] {
  return [...stdout.matchAll(/^::notice file=([^,]+),line=(\d+),endLine=(\d+),title=[^:]*::(.*)$/gm)].map((m) => `${m[1]}:${m[2]}-${m[3]}`);
}

function output(run: ActionRun, name: string): string | undefined {
  // core.setOutput writes `name<<delimiter`, the value, then the delimiter.
  const m = new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(run.outputs);
  return m?.[2];
}

/** The commit message GitHub's squash merge builds from the title and the description. */
function squashTrailers(title: string, body: string, key: string): string[] {
  const message = `${title} (#7)\n\n${body}`;
  const tree = repo.git(['rev-parse', 'HEAD^{tree}']).stdout.trim();
  const sha = repo.git(['commit-tree', tree, '-F', '-'], { input: message }).stdout.trim();
  return repo
    .git(['log', '-1', `--format=%(trailers:key=${key},valueonly,unfold,separator=%x1e)`, sha])
    .stdout.trim()
    .split('\x1e')
    .filter((v) => v !== '');
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
});
