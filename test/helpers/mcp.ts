import { afterEach } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, type TempRepo } from './repo.js';

/** An MCP client connected to `git session mcp` (the built binary) run in the repo, or in `cwd`. */
export async function connectMcp(r: TempRepo, cwd = r.dir): Promise<Client> {
  const transport = new StdioClientTransport({ command: 'node', args: [BIN, 'mcp'], cwd, env: r.env as Record<string, string>, stderr: 'pipe' });
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** What one test holds: a repository, and an MCP client connected to it. */
export interface Held {
  repo?: TempRepo;
  client?: Client;
}

/** The repository and MCP client each test of a file sets, both let go after it. */
export function heldPerTest(): Held {
  const held: Held = {};
  afterEach(async () => {
    await held.client?.close();
    held.client = undefined;
    held.repo?.cleanup();
    held.repo = undefined;
  });
  return held;
}
