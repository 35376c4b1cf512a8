import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/adapters/apply-plan.js';
import { ExitCode, GitSessionError } from '../../src/errors.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('applying an init plan on a real file system', () => {
  it('a step that fails says which changes before it were applied, and that a rerun finishes', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-apply-'));
    writeFileSync(join(dir, 'blocked'), 'a file, not a folder\n');
    const steps = [
      { action: 'create' as const, path: join(dir, 'one/first.md'), after: 'first\n', reason: 'r' },
      { action: 'unchanged' as const, path: join(dir, 'same.md'), reason: 'r' },
      { action: 'create' as const, path: join(dir, 'blocked/second.md'), after: 'second\n', reason: 'r' },
    ];
    let error: unknown;
    try {
      applyPlan(steps, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GitSessionError);
    expect((error as GitSessionError).exitCode).toBe(ExitCode.WriteFailed);
    expect((error as Error).message).toMatch(/blocked\/second\.md: could not be changed \((EEXIST|ENOTDIR)\)\..*The 1 change listed before it was applied; run the command again to finish\.$/);
    expect(readFileSync(join(dir, 'one/first.md'), 'utf8')).toBe('first\n');
    expect(existsSync(join(dir, 'blocked/second.md'))).toBe(false);
  });
});
