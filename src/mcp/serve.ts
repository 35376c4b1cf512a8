import type { CommandContext, CommandResult } from '../context.js';

declare const __VERSION__: string;

/**
 * `git session mcp`: serves the session tools over MCP on stdio until the client
 * disconnects. Prints nothing itself: stdout belongs to the protocol.
 */
export async function serveMcp(_args: object, ctx: CommandContext): Promise<CommandResult> {
  const { LineTransport } = await import('./stdio-transport.js');
  const { createMcpServer } = await import('./server.js');
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  const server = createMcpServer(ctx, version);
  // Answers malformed and oversized requests and keeps serving (the SDK's stdio transport drops or stops).
  const transport = new LineTransport(process.stdin, process.stdout);
  const closed = new Promise<void>((resolve) => (server.server.onclose = () => resolve()));
  await server.connect(transport);
  // Closing the server aborts the calls still running and drops their replies: at the
  // end of input, wait for every reply first (the MCP stdio shutdown has the client
  // wait for the server to exit, and signal it if it takes too long).
  await Promise.race([transport.finished, closed]);
  await server.close().catch(() => undefined);
  return {};
}
