import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeGitHub } from './fake-github.js';
import { TIMEOUT_MS, type Run, type TempRepo } from './repo.js';

/** The committed bundle, run as GitHub runs it: `node action/index.js`. */
export const ACTION = resolve(__dirname, '../../action/index.js');
export const OWNER = 'octo';
export const NAME = 'converter';
export const START = '<!-- git-session:review:start -->';

export interface PullRequestEvent {
  action: string;
  number: number;
  base: string;
  head: string;
  body: string | null;
  title?: string;
}

/** A `pull_request` webhook payload in the shape GitHub documents, for a pull request of octo/converter, written into `dir`. */
export function pullRequestEvent(dir: string, e: PullRequestEvent): string {
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
    action: e.action,
    number: e.number,
    pull_request: {
      url: `https://api.github.com/repos/${OWNER}/${NAME}/pulls/${e.number}`,
      id: 1000 + e.number,
      node_id: `PR_${e.number}`,
      html_url: `https://github.com/${OWNER}/${NAME}/pull/${e.number}`,
      number: e.number,
      state: 'open',
      locked: false,
      title: e.title ?? 'Cache parsed files',
      user,
      body: e.body,
      created_at: '2026-11-02T10:00:00Z',
      updated_at: '2026-11-02T10:00:00Z',
      draft: false,
      head: { label: `${OWNER}:feature`, ref: 'feature', sha: e.head, user, repo: repository },
      base: { label: `${OWNER}:main`, ref: 'main', sha: e.base, user, repo: repository },
      author_association: 'OWNER',
    },
    repository,
    sender: user,
  };
  const file = join(dir, `event-${e.number}-${e.action}-${e.head.slice(0, 7)}.json`);
  writeFileSync(file, JSON.stringify(payload, null, 2));
  return file;
}

export interface ActionRun extends Run {
  outputs: string;
  summary: string;
}

export interface ActionSetup {
  repo: TempRepo;
  github: FakeGitHub;
  /** Where the event, output and summary files go. */
  scratch: string;
}

/**
 * Runs the action's bundle in `cwd` as a runner would: event file, inputs, API URL and
 * run id in the environment. `inputs` may set `token` (default `test-token`).
 */
export function runAction(setup: ActionSetup, cwd: string, event: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const outputs = join(setup.scratch, 'output.txt');
  const summary = join(setup.scratch, 'summary.md');
  writeFileSync(outputs, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    ...setup.repo.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: setup.github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
    GITHUB_RUN_ID: '4242',
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
export function notices(stdout: string): string[] {
  return [...stdout.matchAll(/^::notice file=([^,]+),line=(\d+),endLine=(\d+),title=[^:]*::(.*)$/gm)].map((m) => `${m[1]}:${m[2]}-${m[3]}`);
}

/** `::warning::` lines of a run. */
export function warnings(stdout: string): string[] {
  return [...stdout.matchAll(/^::warning::(.*)$/gm)].map((m) => m[1]!);
}

export function output(run: ActionRun, name: string): string | undefined {
  // core.setOutput writes `name<<delimiter`, the value, then the delimiter.
  const m = new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(run.outputs);
  return m?.[2];
}

/** The values of trailer `key` in the commit message GitHub's squash merge builds from the title and the description. */
export function squashTrailers(repo: TempRepo, title: string, number: number, body: string, key: string): string[] {
  const message = `${title} (#${number})\n\n${body}`;
  const tree = repo.git(['rev-parse', 'HEAD^{tree}']).stdout.trim();
  const sha = repo.git(['commit-tree', tree, '-F', '-'], { input: message }).stdout.trim();
  return repo
    .git(['log', '-1', `--format=%(trailers:key=${key},valueonly,unfold,separator=%x1e)`, sha])
    .stdout.trim()
    .split('\x1e')
    .filter((v) => v !== '');
}
