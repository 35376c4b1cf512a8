import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectMcp, heldPerTest } from '../helpers/mcp.js';
import { BIN, tempRepo, type Run, type TempRepo } from '../helpers/repo.js';

const t = heldPerTest();

const SESSION = '# Session\n\n## Goal\nShip retries.\n\n## Status\nStarted.\n\n## Decisions\n\n## Dead Ends\n\n## Key Files\n';

function runAsync(r: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [BIN, ...args], { cwd: r.dir, env: { ...r.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, stdout, stderr, signal }));
  });
}

describe('SESSION.md writers take turns', () => {
  it('keeps every line of 20 parallel decide calls and MCP record calls made at the same time', async () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '-m', 'start']);
    t.client = await connectMcp(t.repo);

    const r = t.repo;
    const cli = Array.from({ length: 20 }, (_, i) => runAsync(r, [i % 2 ? 'decide' : 'dead-end', `Entry number ${i}`, '--because', `reason ${i}`]));
    const mcp = Array.from({ length: 4 }, (_, i) =>
      t.client!.callTool({ name: 'record_decision', arguments: { text: `Tool entry ${i}`, because: `tool reason ${i}` } }),
    );
    const runs = await Promise.all(cli);
    const tools = (await Promise.all(mcp)) as { isError?: boolean }[];
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    for (const tool of tools) expect(tool.isError).toBeFalsy();

    const text = r.read('SESSION.md');
    for (let i = 0; i < 20; i++) expect(text).toContain(`- Entry number ${i} — Reason: reason ${i}\n`);
    for (let i = 0; i < 4; i++) expect(text).toContain(`- Tool entry ${i} — Reason: tool reason ${i}\n`);
    expect(existsSync(join(r.dir, '.git/git-session/session.lock'))).toBe(false);
  }, 60_000);

  it('waits a bounded time for a live holder, then refuses with exit 8 and changes nothing', () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    mkdirSync(join(t.repo.dir, '.git/git-session'), { recursive: true });
    // This test process is alive: its lock is not stale.
    writeFileSync(join(t.repo.dir, '.git/git-session/session.lock'), `${process.pid}\n${require('node:os').hostname()}\n`);
    const r = t.repo.run(['decide', 'Use a queue', '--because', 'bursts'], { env: { GIT_SESSION_LOCK_TIMEOUT: '200' } });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('SESSION.md is being edited by another git-session process');
    expect(r.stderr).toContain('session.lock');
    expect(t.repo.read('SESSION.md')).toBe(SESSION);
  });

  it('removes a lock left by a process that is gone', () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    mkdirSync(join(t.repo.dir, '.git/git-session'), { recursive: true });
    // Pids stop well below 2^22 on Linux by default: this one is never running.
    writeFileSync(join(t.repo.dir, '.git/git-session/session.lock'), `4194303\n${require('node:os').hostname()}\n`);
    const r = t.repo.run(['decide', 'Use a queue', '--because', 'bursts'], { env: { GIT_SESSION_LOCK_TIMEOUT: '200' } });
    expect(r.code, r.stderr).toBe(0);
    expect(t.repo.read('SESSION.md')).toContain('- Use a queue — Reason: bursts');
  });
});
