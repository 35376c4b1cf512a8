import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CommandContext, CommandResult } from '../context.js';
import { GitSessionError } from '../errors.js';
import { sanitiseOutput, sanitiseText } from '../core/text/sanitise.js';

type Run = () => Promise<CommandResult | void>;

/** Turns a command's result (or its error) into a tool result: errors become isError results, never crashes. */
export async function toolResult(run: Run): Promise<CallToolResult> {
  try {
    const result = (await run()) ?? {};
    const text = [result.stdout, result.stderr].filter(Boolean).map((t) => sanitiseOutput(t!)).join('\n').trim() || 'Done.';
    return { content: [{ type: 'text', text }], isError: (result.exitCode ?? 0) !== 0 || undefined };
  } catch (error) {
    const message = error instanceof GitSessionError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return { content: [{ type: 'text', text: `git-session: ${sanitiseText(message, { multiline: true })}` }], isError: true };
  }
}

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(2000);
const format = z.enum(['md', 'json']).optional().describe('md (default) or json');

/**
 * The MCP server: the session tools, each implemented by the command of the same
 * name run in `ctx.cwd` (the server's working directory, the repository).
 */
export function createMcpServer(ctx: CommandContext, version: string): McpServer {
  const server = new McpServer({ name: 'git-session', version });
  const fresh = (): CommandContext => ({ ...ctx, now: new Date(), stdoutIsTTY: false });

  server.registerTool(
    'session_context',
    {
      description: 'Summary of the coding session: goal, status, next steps, latest decisions and dead ends, key files, and whether SESSION.md is behind the code.',
      inputSchema: { format },
    },
    async ({ format: f }) => toolResult(async () => (await import('../commands/context.js')).context({ format: f ?? 'md', tolerant: true }, fresh())),
  );
  server.registerTool(
    'session_status',
    { description: 'The parsed SESSION.md state at a glance.', inputSchema: { format } },
    async ({ format: f }) => toolResult(async () => (await import('../commands/status.js')).status({ format: f ?? 'md' }, fresh())),
  );
  server.registerTool(
    'record_decision',
    {
      description: 'Record a decision and the reason for it in SESSION.md (it goes into the next commit as a Decision trailer).',
      inputSchema: { text: text('text').describe('What was decided'), because: text('because').describe('Why') },
    },
    async ({ text: t, because }) => toolResult(async () => (await import('../commands/decide.js')).decide({ text: t, because }, fresh())),
  );
  server.registerTool(
    'record_dead_end',
    {
      description: 'Record an approach that was tried and ruled out, and why, so it is not retried.',
      inputSchema: { what: text('what').describe('What was tried'), because: text('because').describe('Why it failed') },
    },
    async ({ what, because }) => toolResult(async () => (await import('../commands/dead-end.js')).deadEnd({ what, because }, fresh())),
  );
  server.registerTool(
    'set_status',
    { description: 'Set the current status (where things stand, the next step) in SESSION.md.', inputSchema: { text: text('text') } },
    async ({ text: t }) => toolResult(async () => (await import('../commands/set-status.js')).setStatus({ text: t }, fresh())),
  );
  server.registerTool(
    'add_key_file',
    {
      description: 'Record a key file (repository-relative path) and why it matters in SESSION.md.',
      inputSchema: { path: text('path').describe('Repository-relative path'), why: z.string().max(2000).optional() },
    },
    async ({ path, why }) => toolResult(async () => (await import('../commands/key-file.js')).keyFile({ path, why }, fresh())),
  );
  server.registerTool(
    'why',
    {
      description: 'The decisions still in force behind a path or lines: <path>[:<line>[-<end>]].',
      inputSchema: { target: text('target').describe('<path>[:<line>[-<end>]]'), format },
    },
    async ({ target, format: f }) => toolResult(async () => (await import('../commands/why.js')).why({ target, format: f ?? 'md', activeOnly: true }, fresh())),
  );
  server.registerTool(
    'decisions_for_path',
    {
      description:
        'The decisions and dead ends still in force for one file (repository-relative path), newest first, within a small budget. Ask before editing a file you have not seen.',
      inputSchema: { path: text('path').describe('Repository-relative path of the file') },
    },
    async ({ path }) => toolResult(async () => (await import('../commands/decisions.js')).decisions({ path, format: 'md' }, fresh())),
  );
  server.registerTool(
    'review',
    {
      description: 'A pull-request description for a commit range: decisions, dead ends, status, files, commits.',
      inputSchema: { range: z.string().trim().min(1).max(500).optional().describe('A git range such as main..HEAD'), format },
    },
    async ({ range, format: f }) => toolResult(async () => (await import('../commands/review.js')).review({ range, format: f ?? 'md', activeOnly: true }, fresh())),
  );
  return server;
}
