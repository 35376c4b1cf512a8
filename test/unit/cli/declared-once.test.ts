import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { COMMANDS } from '../../../src/commands/catalog.js';
import { declaredNames, type CommandSpec, type Values } from '../../../src/commands/command-spec.js';
import type { CommandContext } from '../../../src/context.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';
import { createMcpServer } from '../../../src/mcp/server.js';

const ctx: CommandContext = { cwd: '/nowhere', env: {}, now: new Date(0), stdoutIsTTY: false };

/** A command whose run reports what it was given, read through the same Values as the real ones. */
function probe(seen: Record<string, unknown>[]): CommandSpec {
  return {
    usage: 'note <text> [more]',
    summary: 'A probe',
    options: [
      { flags: '--because <why>', description: 'reason' },
      { flags: '-n, --max-count <count>', description: 'count' },
      { flags: '--dry-run', description: 'flag' },
      { flags: '--format <fmt>', description: 'md or json', default: 'md' },
    ],
    async run(v: Values) {
      seen.push({ text: v.text('text'), more: v.text('more'), because: v.text('because'), n: v.count('maxCount'), dry: v.flag('dryRun'), format: v.format(['md', 'json']), quiet: v.flag('quiet') });
      return { stdout: 'ok' };
    },
    tool: { name: 'note', description: 'A probe', inputs: { text: { required: true }, because: {}, format: { choices: ['md', 'json'] } }, fixed: { quiet: true } },
  };
}

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown>[] = [];
  await runCli(argv, ctx, '0.0.0', [probe(seen)]);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

async function usageError(argv: string[]): Promise<string> {
  const error = await runCli(argv, ctx, '0.0.0', [probe([])]).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GitSessionError);
  expect((error as GitSessionError).exitCode).toBe(ExitCode.Usage);
  return (error as Error).message;
}

describe('a command declared once', () => {
  it.each([
    [['note', 'hello'], { text: 'hello', more: undefined, because: undefined, n: undefined, dry: false, format: 'md', quiet: false }],
    [['note', 'a', 'b', '--because', '007', '-n', '3', '--dry-run'], { text: 'a', more: 'b', because: '007', n: 3, dry: true }],
    [['note', '--because=-x', '--', '-0 stays', 'too'], { text: '-0 stays', more: 'too', because: '-x' }],
    [['note', '--format', 'json', 'x', '--max-count=0'], { text: 'x', format: 'json', n: 0 }],
    // A count in every form git log takes it.
    [['note', 'x', '-n1'], { text: 'x', n: 1 }],
    [['note', '-12', 'x'], { text: 'x', n: 12 }],
    [['note', 'x', '--max-count', '4'], { text: 'x', n: 4 }],
    [['note', 'x', '-n', '2', '-3'], { text: 'x', n: 3 }],
    [['note', 'x', '--', '-5'], { text: 'x', more: '-5', n: undefined }],
  ])('the CLI reads %j as declared', async (argv, expected) => {
    expect(await cli(argv)).toMatchObject(expected);
  });

  it.each([
    [['note'], 'missing required args'],
    [['note', '--'], 'missing <text>'],
    [['note', 'x', '--because'], 'value is missing'],
    [['note', 'x', '--format', 'xml'], 'unknown --format "xml"'],
    [['note', 'x', '-n', 'five'], '-n needs a whole number'],
    [['note', 'x', '-n', '-1'], '-n needs a whole number of commits, not "-1"'],
    [['note', 'x', '--max-count=-1'], '-n needs a whole number of commits, not "-1"'],
    [['note', 'x', '-nfive'], '-n needs a whole number of commits, not "five"'],
    [['note', 'x', '-n'], '`-n, --max-count <count>` value is missing'],
    [['nope'], 'unknown command "nope"'],
  ])('the CLI refuses %j with a usage error', async (argv, message) => {
    expect(await usageError(argv)).toContain(message);
  });

  it('the MCP server offers the same command as a tool: its inputs, checked, and its fixed values', async () => {
    const seen: Record<string, unknown>[] = [];
    const server = createMcpServer(ctx, '0.0.0', [probe(seen), { usage: 'hidden', summary: 'no tool', run: async () => ({}) }]);
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'test', version: '0' });
    await Promise.all([server.connect(a), client.connect(b)]);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['note']);
    expect(Object.keys(tools[0]!.inputSchema.properties ?? {})).toEqual(['text', 'because', 'format']);
    expect(tools[0]!.inputSchema.required).toEqual(['text']);
    const ok = (await client.callTool({ name: 'note', arguments: { text: ' hi ', because: '', format: 'json' } })) as { isError?: boolean };
    expect(ok.isError).toBeFalsy();
    expect(seen).toEqual([{ text: 'hi', more: undefined, because: undefined, n: undefined, dry: false, format: 'json', quiet: true }]);
    const empty = (await client.callTool({ name: 'note', arguments: { text: '  ' } })) as { isError?: boolean };
    expect(empty.isError).toBe(true);
    expect(seen).toHaveLength(1);
    await client.close();
  });

  it('the real catalog: unique names, each tool input is an argument or option of its command', () => {
    const names = COMMANDS.map((c) => c.usage.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    const tools = COMMANDS.flatMap((c) => (c.tool ? [c.tool.name] : []));
    expect(new Set(tools).size).toBe(tools.length);
    for (const c of COMMANDS) {
      const declared = new Set(declaredNames(c));
      for (const input of Object.keys(c.tool?.inputs ?? {})) expect(declared, `${c.tool!.name}.${input}`).toContain(input);
    }
  });
});
