import type { CommandContext, CommandResult } from '../context.js';

declare const __VERSION__: string;

/**
 * `git session mcp`: serves the session tools over MCP on stdio until the client
 * disconnects. Prints nothing itself: stdout belongs to the protocol.
 */
export async function mcp(_args: object, ctx: CommandContext): Promise<CommandResult> {
  const { LineTransport } = await import('../mcp/stdio-transport.js');
  const { createMcpServer } = await import('../mcp/server.js');
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  const server = createMcpServer(ctx, version);
  // Answers malformed and oversized requests and keeps serving (the SDK's stdio transport drops or stops).
  const transport = new LineTransport(process.stdin, process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
  return {};
}
