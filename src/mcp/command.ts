import type { CommandSpec } from '../commands/command-spec.js';

/** `git session mcp`: declared here, beside the server it starts, and listed by the CLI after the others. */
export const MCP_COMMAND: CommandSpec = {
  usage: 'mcp',
  summary: 'Serve the session tools over MCP on stdio',
  run: async (_values, ctx) => (await import('./serve.js')).serveMcp({}, ctx),
};
