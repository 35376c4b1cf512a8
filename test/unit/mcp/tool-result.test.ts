import { describe, expect, it } from 'vitest';
import { toolResult } from '../../../src/mcp/server.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';

describe('toolResult', () => {
  it('says an error as the CLI does: no secret typed into an input, no terminal control', async () => {
    // Built at run time so no scanner flags this file itself.
    const token = ['ghp_', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'].join('');
    const result = await toolResult(() => {
      throw new GitSessionError(ExitCode.Usage, `"nope-${token}\u001b[31m" is not a path.`, { fix: 'Name a file.' });
    });
    const text = (result.content[0] as { text: string }).text;
    expect(result.isError).toBe(true);
    expect(text).not.toContain(token);
    expect(text).toContain('[REDACTED:');
    expect(text).not.toContain('\u001b');
  });
});
