import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the parts of GitHub's REST API the action calls, answering in the
// shapes GitHub documents for them ("Get a pull request", "Update a pull request",
// "List issue comments", "Create an issue comment", "Update an issue comment"), and
// GraphQL's `viewer`. Only the fields a client could rely on are filled; the rest of a
// real answer is longer. Like GitHub it pages lists with a Link header, refuses a body
// over 65,536 characters with 422, and lets a token that may write edit anyone's comment.

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
  /** Who wrote it; the token's user (`viewer`) for comments the action creates. */
  login: string;
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
  /** The login the token writes as: GraphQL's `viewer`, and the author of created comments. */
  viewer: string;
  /** At most this many items a page (GitHub: 100, whatever per_page asks). */
  pageSize: number;
  /** Requests (`PATCH /repos/…/issues/comments/9000`) answered with 403, as GitHub refuses an edit. */
  refused: Set<string>;
  close(): Promise<void>;
}

/** GitHub's limit on a description's or a comment's body, in characters. */
export const BODY_LIMIT = 65_536;

function user(api: string, login = 'ada') {
  const bot = login.endsWith('[bot]');
  return { login, id: 1, node_id: 'MDQ6VXNlcjE=', type: bot ? 'Bot' : 'User', site_admin: false, url: `${api}/users/${encodeURIComponent(login)}`, html_url: `https://github.com/${bot ? 'apps/' + login.slice(0, -5) : login}` };
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
    user: user(api, c.login),
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
    viewer: 'github-actions[bot]',
    pageSize: 100,
    refused: new Set(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const prefix = `/repos/${owner}/${repo}/`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', api);
      const path = url.pathname;
      const body = await readBody(req);
      requests.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization });
      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(value));
      };
      const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      if (path === '/graphql' && req.method === 'POST') return send(200, { data: { viewer: { login: fake.viewer } } });
      if (!path.startsWith(prefix)) return notFound();
      if ((fake.readOnly && req.method !== 'GET') || fake.refused.has(`${req.method} ${path}`)) {
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
      }
      const text = (body as { body?: unknown } | undefined)?.body;
      if (typeof text === 'string' && text.length > BODY_LIMIT) {
        const resource = path.includes('/comments') ? 'IssueComment' : 'Issue';
        return send(422, {
          message: 'Validation Failed',
          errors: [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_LIMIT} characters)` }],
          documentation_url: 'https://docs.github.com/rest',
          status: '422',
        });
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
        if (req.method === 'GET') {
          const size = Math.min(Number(url.searchParams.get('per_page') ?? 30), fake.pageSize);
          const page = Number(url.searchParams.get('page') ?? 1);
          const last = Math.max(1, Math.ceil(list.length / size));
          const at = (n: number) => {
            const next = new URL(url);
            next.searchParams.set('page', String(n));
            return next.href;
          };
          const links: Record<string, string> = page < last ? { link: `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"` } : {};
          return send(200, list.slice((page - 1) * size, page * size).map((c) => commentJson(api, owner, repo, issue, c)), links);
        }
        if (req.method === 'POST') {
          const c = { id: nextComment++, body: (body as { body: string }).body, login: fake.viewer };
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
