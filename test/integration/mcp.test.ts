import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectMcp } from '../helpers/mcp.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  repo?.cleanup();
});

const SESSION = '# Session\n\n## Goal\nShip retries.\n\n## Status\nStarted.\n\n## Decisions\n\n## Dead Ends\n\n## Key Files\n';

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };
const textOf = (r: unknown) => (r as ToolResult).content.map((c) => c.text).join('\n');

describe('git session mcp', () => {
  it('lists the session tools and runs them against the repository', async () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    repo.write('src/retry.ts', 'export {};\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'start']);
    client = await connectMcp(repo);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['add_key_file', 'decisions_for_path', 'record_dead_end', 'record_decision', 'review', 'session_context', 'session_status', 'set_status', 'why'].sort(),
    );

    const ctx = (await client.callTool({ name: 'session_context', arguments: {} })) as ToolResult;
    expect(ctx.isError).toBeFalsy();
    expect(textOf(ctx)).toContain('**Goal:** Ship retries.');
    const json = JSON.parse(textOf(await client.callTool({ name: 'session_context', arguments: { format: 'json' } })));
    expect(json.version).toBe(1);

    const calls: [string, Record<string, unknown>][] = [
      ['record_decision', { text: 'Retry three times', because: 'the API is flaky' }],
      ['record_dead_end', { what: 'Infinite retries', because: 'they hang the queue' }],
      ['set_status', { text: 'Retries in place; tests next' }],
      ['add_key_file', { path: 'src/retry.ts', why: 'the retry loop' }],
    ];
    for (const [name, args] of calls) {
      const r = (await client.callTool({ name, arguments: args })) as ToolResult;
      expect(r.isError, `${name}: ${textOf(r)}`).toBeFalsy();
      expect(r.content[0]?.type, name).toBe('text');
      expect(textOf(r).length, name).toBeGreaterThan(0);
    }
    const session = repo.read('SESSION.md');
    expect(session).toContain('Retry three times');
    expect(session).toContain('Infinite retries');
    expect(session).toContain('Retries in place; tests next');
    expect(session).toContain('src/retry.ts');

    const status = (await client.callTool({ name: 'session_status', arguments: { format: 'json' } })) as ToolResult;
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(JSON.parse(textOf(status))).toMatchObject({ file: 'SESSION.md', goal: 'Ship retries.', status: 'Retries in place; tests next' });

    repo.write('src/retry.ts', 'export const tries = 3;\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Add retries', '-m', 'Decision: retry three times — the API is flaky']);
    const why = (await client.callTool({ name: 'why', arguments: { target: 'src/retry.ts', format: 'json' } })) as ToolResult;
    expect(why.isError, textOf(why)).toBeFalsy();
    // Found in SESSION.md and in the trailer: listed once, as SESSION.md writes it.
    expect(textOf(why)).toContain('Retry three times');
    expect(textOf(why).match(/retry three times/gi)).toHaveLength(2);
    const forPath = (await client.callTool({ name: 'decisions_for_path', arguments: { path: 'src/retry.ts' } })) as ToolResult;
    expect(forPath.isError, textOf(forPath)).toBeFalsy();
    expect(textOf(forPath)).toContain('Retry three times — the API is flaky');

    const review = (await client.callTool({ name: 'review', arguments: { range: 'HEAD~1', format: 'json' } })) as ToolResult;
    expect(review.isError, textOf(review)).toBeFalsy();
    expect(JSON.parse(textOf(review))).toMatchObject({ range: 'HEAD~1..HEAD', commits: [expect.objectContaining({ subject: 'Add retries' })] });
    expect(textOf(review)).toContain('Retry three times');
  });

  it('rejects bad input with an error result and keeps serving', async () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    client = await connectMcp(repo);
    const missing = (await client.callTool({ name: 'record_decision', arguments: { text: 'x' } })) as ToolResult;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/because/);
    const empty = (await client.callTool({ name: 'set_status', arguments: { text: '   ' } })) as ToolResult;
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toContain('text must not be empty');
    const badFormat = (await client.callTool({ name: 'session_context', arguments: { format: 'xml' } })) as ToolResult;
    expect(badFormat.isError).toBe(true);
    const badRange = (await client.callTool({ name: 'review', arguments: { range: 'nope..HEAD' } })) as ToolResult;
    expect(badRange.isError).toBe(true);
    // The command's own error, with what it could not read, not a crash.
    expect(textOf(badRange)).toMatch(/^git-session: git could not read range nope\.\.HEAD/);
    expect(textOf(badRange)).not.toContain('internal error');
    // An input the tool does not declare is refused, not dropped.
    const unknown = (await client.callTool({ name: 'record_dead_end', arguments: { what: 'Polling', because: 'rate limits', supersedes: 'x' } })) as ToolResult;
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/supersedes/);
    expect(repo.read('SESSION.md')).not.toContain('Polling');
    const still = (await client.callTool({ name: 'session_context', arguments: {} })) as ToolResult;
    expect(still.isError).toBeFalsy();
  });

  it('records a decision that supersedes an earlier one, as the command line does', async () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION.replace('## Decisions\n', '## Decisions\n- Use REST — Reason: simple\n'));
    client = await connectMcp(repo);
    const r = (await client.callTool({ name: 'record_decision', arguments: { text: 'Use gRPC', because: 'streaming', supersedes: 'Use REST' } })) as ToolResult;
    expect(r.isError, textOf(r)).toBeFalsy();
    const text = repo.read('SESSION.md');
    expect(text).toContain('- Use gRPC (supersedes: Use REST) — Reason: streaming');
    expect(text).not.toContain('- Use REST');
  });

  it('reports a command error (not a repository) as an error result', async () => {
    repo = tempRepo();
    client = await connectMcp(repo, repo.home);
    const r = (await client.callTool({ name: 'session_status', arguments: {} })) as ToolResult;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('not inside a git repository');
  });

  it('reads tool paths from the repository root when started in a subfolder', async () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    repo.write('src.js', 'export const a = 1;\n');
    mkdirSync(join(repo.dir, 'sub dir'));
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'Add src', '-m', 'Decision: Keep src flat — one module is enough']);
    repo.write('src.js', 'export const a = 2;\n');
    repo.git(['commit', '-q', '-am', 'Bump', '-m', 'Decision: Start at two — one is reserved']);
    client = await connectMcp(repo, join(repo.dir, 'sub dir'));

    const forPath = (await client.callTool({ name: 'decisions_for_path', arguments: { path: 'src.js' } })) as ToolResult;
    expect(forPath.isError, textOf(forPath)).toBeFalsy();
    expect(textOf(forPath)).toContain('Keep src flat');
    expect(textOf(forPath)).toContain('Start at two');
    const why = (await client.callTool({ name: 'why', arguments: { target: 'src.js' } })) as ToolResult;
    expect(why.isError, textOf(why)).toBeFalsy();
    expect(textOf(why)).toContain('Start at two');
    const key = (await client.callTool({ name: 'add_key_file', arguments: { path: 'src.js', why: 'the module' } })) as ToolResult;
    expect(key.isError, textOf(key)).toBeFalsy();
    expect(repo.read('SESSION.md')).toContain('- `src.js` — the module\n');
    expect(repo.read('SESSION.md')).not.toContain('sub dir');

    const missing = (await client.callTool({ name: 'add_key_file', arguments: { path: 'nowhere.js' } })) as ToolResult;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('"nowhere.js" does not exist in the work tree');
    expect(repo.read('SESSION.md')).not.toContain('nowhere.js');
  });
});
