import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
let server: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  server?.kill();
  server = undefined;
  repo?.cleanup();
});

/** The MCP server on real stdio, with a reader of its replies, one JSON message a line. */
function start(r: TempRepo) {
  const child = spawn('node', [BIN, 'mcp'], { cwd: r.dir, env: r.env, stdio: ['pipe', 'pipe', 'pipe'] });
  server = child;
  let buffer = '';
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  const queue: Record<string, unknown>[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
      buffer = buffer.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(message);
      else queue.push(message);
    }
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve)));
  const send = (text: string) => child.stdin.write(text.endsWith('\n') ? text : `${text}\n`);
  return { child, next, send };
}

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
const LIST = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' });
const DECIDE = (id: number, text: string) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'record_decision', arguments: { text, because: 'the pipe closed' } } });

/** What the server wrote before it exited, one message a line, and how it exited. */
function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; messages: Record<string, unknown>[] }> {
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, messages: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) })),
  );
}

describe('the MCP server on stdio', () => {
  it('answers malformed JSON with a parse error and keeps serving', async () => {
    repo = tempRepo();
    const s = start(repo);
    s.send(INIT);
    expect((await s.next()).id).toBe(1);
    s.send('{"jsonrpc": "2.0", "id": 2, "method": ');
    const err = await s.next();
    expect(err).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    s.send('{"hello": 1}');
    expect(await s.next()).toMatchObject({ error: { code: -32600 } });
    s.send(LIST(3));
    const list = await s.next();
    expect(list.id).toBe(3);
    expect(JSON.stringify(list.result)).toContain('record_decision');
  }, 30_000);

  it('answers a request over 1 MiB with an error and keeps serving', async () => {
    repo = tempRepo();
    const s = start(repo);
    s.send(INIT);
    await s.next();
    const big = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'record_decision', arguments: { text: 'x'.repeat(10 * 1024 * 1024), because: 'y' } } });
    s.send(big);
    const err = await s.next();
    expect(err).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(String((err.error as { message: string }).message)).toContain('1048576 bytes');
    s.send(LIST(8));
    expect((await s.next()).id).toBe(8);
    expect(s.child.exitCode).toBe(null);
  }, 30_000);

  it('answers every call still running when stdin closes, the last one without its newline too', async () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Goal\nShip.\n\n## Decisions\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'start']);
    const child = spawn('node', [BIN, 'mcp'], { cwd: repo.dir, env: repo.env, stdio: ['pipe', 'pipe', 'pipe'] });
    server = child;
    const done = exited(child);
    const ids = Array.from({ length: 10 }, (_, i) => i + 2);
    const lines = [INIT, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), ...ids.map((id) => DECIDE(id, `parallel call ${id}`))];
    // Written and closed at once, as `printf … | git session mcp` does; the last line has no newline.
    child.stdin.end(`${lines.join('\n')}\n${DECIDE(12, 'the unterminated call')}`);
    const { code, messages } = await done;
    expect(code).toBe(0);
    expect(messages.map((m) => m.id).sort((a, b) => Number(a) - Number(b))).toEqual([1, ...ids, 12]);
    for (const m of messages.filter((m) => m.id !== 1)) expect(JSON.stringify(m.result), JSON.stringify(m)).toContain('Recorded decision');
    const session = repo.read('SESSION.md');
    for (const id of ids) expect(session).toContain(`parallel call ${id}`);
    expect(session).toContain('the unterminated call');
  }, 60_000);
});
