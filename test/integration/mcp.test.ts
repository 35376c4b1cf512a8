import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectMcp, heldPerTest } from '../helpers/mcp.js';
import { tempRepo } from '../helpers/repo.js';

const t = heldPerTest();

const SESSION = '# Session\n\n## Goal\nShip retries.\n\n## Status\nStarted.\n\n## Decisions\n\n## Dead Ends\n\n## Key Files\n';

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };
const textOf = (r: unknown) => (r as ToolResult).content.map((c) => c.text).join('\n');

describe('git session mcp', () => {
  it('lists the session tools and runs them against the repository', async () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    t.repo.write('src/retry.ts', 'export {};\n');
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '-m', 'start']);
    t.client = await connectMcp(t.repo);

    const { tools } = await t.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['add_key_file', 'decisions_for_path', 'record_dead_end', 'record_decision', 'review', 'session_context', 'session_status', 'set_status', 'why'].sort(),
    );

    const ctx = (await t.client.callTool({ name: 'session_context', arguments: {} })) as ToolResult;
    expect(ctx.isError).toBeFalsy();
    expect(textOf(ctx)).toContain('**Goal:** Ship retries.');
    const json = JSON.parse(textOf(await t.client.callTool({ name: 'session_context', arguments: { format: 'json' } })));
    expect(json.version).toBe(1);

    const calls: [string, Record<string, unknown>][] = [
      ['record_decision', { text: 'Retry three times', because: 'the API is flaky' }],
      ['record_dead_end', { what: 'Infinite retries', because: 'they hang the queue' }],
      ['set_status', { text: 'Retries in place; tests next' }],
      ['add_key_file', { path: 'src/retry.ts', why: 'the retry loop' }],
    ];
    for (const [name, args] of calls) {
      const r = (await t.client.callTool({ name, arguments: args })) as ToolResult;
      expect(r.isError, `${name}: ${textOf(r)}`).toBeFalsy();
      expect(r.content[0]?.type, name).toBe('text');
      expect(textOf(r).length, name).toBeGreaterThan(0);
    }
    const session = t.repo.read('SESSION.md');
    expect(session).toContain('Retry three times');
    expect(session).toContain('Infinite retries');
    expect(session).toContain('Retries in place; tests next');
    expect(session).toContain('src/retry.ts');

    const status = (await t.client.callTool({ name: 'session_status', arguments: { format: 'json' } })) as ToolResult;
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(JSON.parse(textOf(status))).toMatchObject({ file: 'SESSION.md', goal: 'Ship retries.', status: 'Retries in place; tests next' });

    t.repo.write('src/retry.ts', 'export const tries = 3;\n');
    t.repo.git(['add', '-A']);
    t.repo.git(['commit', '-q', '-m', 'Add retries', '-m', 'Decision: retry three times — the API is flaky']);
    const why = (await t.client.callTool({ name: 'why', arguments: { target: 'src/retry.ts', format: 'json' } })) as ToolResult;
    expect(why.isError, textOf(why)).toBeFalsy();
    // Found in SESSION.md and in the trailer: listed once, as SESSION.md writes it.
    expect(textOf(why)).toContain('Retry three times');
    expect(textOf(why).match(/retry three times/gi)).toHaveLength(2);
    const forPath = (await t.client.callTool({ name: 'decisions_for_path', arguments: { path: 'src/retry.ts' } })) as ToolResult;
    expect(forPath.isError, textOf(forPath)).toBeFalsy();
    expect(textOf(forPath)).toContain('Retry three times — the API is flaky');

    const review = (await t.client.callTool({ name: 'review', arguments: { range: 'HEAD~1', format: 'json' } })) as ToolResult;
    expect(review.isError, textOf(review)).toBeFalsy();
    expect(JSON.parse(textOf(review))).toMatchObject({ range: 'HEAD~1..HEAD', commits: [expect.objectContaining({ subject: 'Add retries' })] });
    expect(textOf(review)).toContain('Retry three times');
  });

  it('rejects bad input with an error result and keeps serving', async () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    t.client = await connectMcp(t.repo);
    const missing = (await t.client.callTool({ name: 'record_decision', arguments: { text: 'x' } })) as ToolResult;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/because/);
    const empty = (await t.client.callTool({ name: 'set_status', arguments: { text: '   ' } })) as ToolResult;
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toContain('text must not be empty');
    const badFormat = (await t.client.callTool({ name: 'session_context', arguments: { format: 'xml' } })) as ToolResult;
    expect(badFormat.isError).toBe(true);
    const badRange = (await t.client.callTool({ name: 'review', arguments: { range: 'nope..HEAD' } })) as ToolResult;
    expect(badRange.isError).toBe(true);
    // The command's own error, with what it could not read, not a crash.
    expect(textOf(badRange)).toMatch(/^git-session: git could not read range nope\.\.HEAD/);
    expect(textOf(badRange)).not.toContain('internal error');
    // An input the tool does not declare is refused, not dropped.
    const unknown = (await t.client.callTool({ name: 'record_dead_end', arguments: { what: 'Polling', because: 'rate limits', supersedes: 'x' } })) as ToolResult;
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/supersedes/);
    expect(t.repo.read('SESSION.md')).not.toContain('Polling');
    const still = (await t.client.callTool({ name: 'session_context', arguments: {} })) as ToolResult;
    expect(still.isError).toBeFalsy();
  });

  it('records a decision that supersedes an earlier one, as the command line does', async () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION.replace('## Decisions\n', '## Decisions\n- Use REST — Reason: simple\n'));
    t.client = await connectMcp(t.repo);
    const r = (await t.client.callTool({ name: 'record_decision', arguments: { text: 'Use gRPC', because: 'streaming', supersedes: 'Use REST' } })) as ToolResult;
    expect(r.isError, textOf(r)).toBeFalsy();
    const text = t.repo.read('SESSION.md');
    expect(text).toContain('- Use gRPC (supersedes: Use REST) — Reason: streaming');
    expect(text).not.toContain('- Use REST');
  });

  it('reports a command error (not a repository) as an error result', async () => {
    t.repo = tempRepo();
    t.client = await connectMcp(t.repo, t.repo.home);
    const r = (await t.client.callTool({ name: 'session_status', arguments: {} })) as ToolResult;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('not inside a git repository');
  });

  it('reads tool paths from the repository root when started in a subfolder', async () => {
    t.repo = tempRepo();
    t.repo.write('SESSION.md', SESSION);
    t.repo.write('src.js', 'export const a = 1;\n');
    mkdirSync(join(t.repo.dir, 'sub dir'));
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '-m', 'Add src', '-m', 'Decision: Keep src flat — one module is enough']);
    t.repo.write('src.js', 'export const a = 2;\n');
    t.repo.git(['commit', '-q', '-am', 'Bump', '-m', 'Decision: Start at two — one is reserved']);
    t.client = await connectMcp(t.repo, join(t.repo.dir, 'sub dir'));

    const forPath = (await t.client.callTool({ name: 'decisions_for_path', arguments: { path: 'src.js' } })) as ToolResult;
    expect(forPath.isError, textOf(forPath)).toBeFalsy();
    expect(textOf(forPath)).toContain('Keep src flat');
    expect(textOf(forPath)).toContain('Start at two');
    const why = (await t.client.callTool({ name: 'why', arguments: { target: 'src.js' } })) as ToolResult;
    expect(why.isError, textOf(why)).toBeFalsy();
    expect(textOf(why)).toContain('Start at two');
    const key = (await t.client.callTool({ name: 'add_key_file', arguments: { path: 'src.js', why: 'the module' } })) as ToolResult;
    expect(key.isError, textOf(key)).toBeFalsy();
    expect(t.repo.read('SESSION.md')).toContain('- `src.js` — the module\n');
    expect(t.repo.read('SESSION.md')).not.toContain('sub dir');

    const missing = (await t.client.callTool({ name: 'add_key_file', arguments: { path: 'nowhere.js' } })) as ToolResult;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('"nowhere.js" does not exist in the work tree');
    expect(t.repo.read('SESSION.md')).not.toContain('nowhere.js');
  });
});
