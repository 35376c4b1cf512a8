import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CommandContext, CommandResult } from '../context.js';
import { GitSessionError } from '../errors.js';
import { sanitiseOutput, sanitiseText } from '../core/text/sanitise.js';
import { joinChunks } from '../core/text/output-stream.js';
import { COMMANDS } from '../commands/catalog.js';
import { valuesOf, type CommandSpec, type ToolSpec } from '../commands/command-spec.js';

type Run = () => Promise<CommandResult | void>;

/** Turns a command's result (or its error) into a tool result: errors become isError results, never crashes. */
export async function toolResult(run: Run): Promise<CallToolResult> {
  try {
    const result = (await run()) ?? {};
    // A tool result is one message: a streamed output is gathered whole.
    const stdout = result.stream ? (result.stdout ?? '') + (await joinChunks(result.stream.chunks)) : result.stdout;
    const text = [stdout, result.stderr].filter(Boolean).map((t) => sanitiseOutput(t!)).join('\n').trim() || 'Done.';
    return { content: [{ type: 'text', text }], isError: (result.exitCode ?? 0) !== 0 || undefined };
  } catch (error) {
    const message = error instanceof GitSessionError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    // As the CLI says an error: a message may quote an input (a path, a revision), and
    // neither terminal control nor a secret typed into it is said back.
    const shown = await import('../core/redact/index.js').then(({ redactShown }) => redactShown(message)).catch(() => sanitiseText(message, { multiline: true }));
    return { content: [{ type: 'text', text: `git-session: ${shown}` }], isError: true };
  }
}

/** The input schema of a tool: each input the command declares, as an assistant must send it. */
function schemaOf(tool: ToolSpec): Record<string, z.ZodTypeAny> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [name, input] of Object.entries(tool.inputs)) {
    const max = input.max ?? 2000;
    let schema: z.ZodTypeAny;
    if (input.choices) schema = z.enum(input.choices as [string, ...string[]]).optional();
    else if (input.required) schema = z.string().trim().min(1, `${name} must not be empty`).max(max);
    else schema = z.string().trim().max(max).optional();
    shape[name] = input.describe ? schema.describe(input.describe) : schema;
  }
  return shape;
}

/**
 * The MCP server: a tool for each command declared with one (src/commands/catalog.ts),
 * run at the root of the work tree around `ctx.cwd` (the server's working directory).
 */
export function createMcpServer(ctx: CommandContext, version: string, commands: readonly CommandSpec[] = COMMANDS): McpServer {
  const server = new McpServer({ name: 'git-session', version });
  // The tools take repository-relative paths, as their descriptions say, wherever the
  // client started the server: a client may start it in a subfolder. Found on the first
  // call, not at start, so a server outside a repository still starts and each call says why it fails.
  let root: string | undefined;
  const rootOf = async (): Promise<string> => {
    if (root !== undefined) return root;
    const { findRepo } = await import('../adapters/repo.js');
    try {
      return (root = (await findRepo(ctx.cwd, ctx.env)).root);
    } catch {
      // The command reports it, in its own words.
      return ctx.cwd;
    }
  };
  const fresh = async (): Promise<CommandContext> => ({ ...ctx, cwd: await rootOf(), now: new Date(), stdoutIsTTY: false });
  for (const spec of commands) {
    const tool = spec.tool;
    if (!tool) continue;
    // Strict: an input the tool does not declare is refused, not dropped, so a caller that
    // sends one (an option the command line has and the tool lacks) is told so.
    server.registerTool(tool.name, { description: tool.description, inputSchema: z.object(schemaOf(tool)).strict() }, async (input: Record<string, unknown>) => {
      // An empty optional text is no text: `why: ""` records no reason, `range: ""` takes the default.
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== ''));
      return toolResult(async () => spec.run(valuesOf({ ...given, ...tool.fixed }), await fresh()));
    });
  }
  return server;
}
