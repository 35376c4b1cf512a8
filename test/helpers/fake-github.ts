import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the parts of GitHub's REST API the action calls, answering in the
// shapes GitHub documents for them ("Get a pull request", "Update a pull request",
// "List issue comments", "Create an issue comment", "Update an issue comment").
// Only the fields a client could rely on are filled; the rest of a real answer is longer.

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface FakeComment {
  id: number;
  body: string;
}

export interface Request {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeGitHub {
  url: string;
  owner: string;
  repo: string;
  pulls: Map<number, FakePull>;
  comments: Map<number, FakeComment[]>;
  requests: Request[];
  /** Answer writes as GitHub answers a read-only token: 403. */
  readOnly: boolean;
  close(): Promise<void>;
}

const USER = { login: 'ada', id: 1, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false };

function user(api: string) {
  return { ...USER, url: `${api}/users/ada`, html_url: 'https://github.com/ada' };
}

function pullJson(api: string, owner: string, repo: string, p: FakePull) {
  const base = `${api}/repos/${owner}/${repo}`;
  const branch = (side: { ref: string; sha: string }) => ({ label: `${owner}:${side.ref}`, ref: side.ref, sha: side.sha, user: user(api), repo: { id: 1, name: repo, full_name: `${owner}/${repo}` } });
  return {
    url: `${base}/pulls/${p.number}`,
    id: 1000 + p.number,
    node_id: `PR_${p.number}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${p.number}`,
    issue_url: `${base}/issues/${p.number}`,
    comments_url: `${base}/issues/${p.number}/comments`,
    number: p.number,
    state: 'open',
    locked: false,
    title: p.title,
    user: user(api),
    body: p.body,
    created_at: '2026-11-02T10:00:00Z',
    updated_at: '2026-11-02T10:00:00Z',
    closed_at: null,
    merged_at: null,
    draft: false,
    head: branch(p.head),
    base: branch(p.base),
    author_association: 'OWNER',
  };
}

function commentJson(api: string, owner: string, repo: string, issue: number, c: FakeComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${api}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
    issue_url: `${api}/repos/${owner}/${repo}/issues/${issue}`,
    body: c.body,
    user: { ...user(api), login: 'github-actions[bot]', type: 'Bot' },
    created_at: '2026-11-02T10:00:00Z',
    updated_at: '2026-11-02T10:00:00Z',
    author_association: 'NONE',
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** Starts the stand-in on 127.0.0.1 (a free port) for one repository. */
export async function fakeGitHub(owner: string, repo: string): Promise<FakeGitHub> {
  const pulls = new Map<number, FakePull>();
  const comments = new Map<number, FakeComment[]>();
  const requests: Request[] = [];
  let nextComment = 9000;
  let api = '';
  const fake: FakeGitHub = {
    url: '',
    owner,
    repo,
    pulls,
    comments,
    requests,
    readOnly: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const prefix = `/repos/${owner}/${repo}/`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = await readBody(req);
      requests.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(value));
      };
      const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      if (!path.startsWith(prefix)) return notFound();
      if (fake.readOnly && req.method !== 'GET') {
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
      }
      const rest = path.slice(prefix.length);
      let m: RegExpExecArray | null;
      if ((m = /^pulls\/(\d+)$/.exec(rest))) {
        const pull = pulls.get(Number(m[1]));
        if (!pull) return notFound();
        if (req.method === 'PATCH') {
          const patch = body as { body?: string; title?: string };
          if (patch.body !== undefined) pull.body = patch.body;
          if (patch.title !== undefined) pull.title = patch.title;
        } else if (req.method !== 'GET') return notFound();
        return send(200, pullJson(api, owner, repo, pull));
      }
      if ((m = /^issues\/(\d+)\/comments$/.exec(rest))) {
        const issue = Number(m[1]);
        if (!pulls.has(issue)) return notFound();
        const list = comments.get(issue) ?? [];
        comments.set(issue, list);
        if (req.method === 'GET') return send(200, list.map((c) => commentJson(api, owner, repo, issue, c)));
        if (req.method === 'POST') {
          const c = { id: nextComment++, body: (body as { body: string }).body };
          list.push(c);
          return send(201, commentJson(api, owner, repo, issue, c));
        }
        return notFound();
      }
      if ((m = /^issues\/comments\/(\d+)$/.exec(rest)) && req.method === 'PATCH') {
        for (const [issue, list] of comments) {
          const c = list.find((x) => x.id === Number(m![1]));
          if (!c) continue;
          c.body = (body as { body: string }).body;
          return send(200, commentJson(api, owner, repo, issue, c));
        }
      }
      return notFound();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = api;
  return fake;
}
