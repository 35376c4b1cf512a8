import type { CommandContext, CommandResult } from '../context.js';

declare const __VERSION__: string;

/**
 * `git session mcp`: serves the session tools over MCP on stdio until the client
 * disconnects. Prints nothing itself: stdout belongs to the protocol.
 */
export async function mcp(_args: object, ctx: CommandContext): Promise<CommandResult> {
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const { createMcpServer } = await import('../mcp/server.js');
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  const server = createMcpServer(ctx, version);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
  return {};
}
