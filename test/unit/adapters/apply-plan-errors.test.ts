import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/adapters/apply-plan.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('applyPlan errors', () => {
  it('a read-only file keeps its problem and fix, and says what was applied before it', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-apply-'));
    const first = join(dir, 'first.md');
    const locked = join(dir, 'locked.md');
    writeFileSync(locked, 'old\n');
    chmodSync(locked, 0o444);
    let error: unknown;
    try {
      applyPlan(
        [
          { action: 'create', path: first, after: 'one\n', reason: 'test' },
          { action: 'update', path: locked, before: 'old\n', after: 'new\n', reason: 'test' },
        ],
        dir,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GitSessionError);
    const e = error as GitSessionError;
    expect(e.exitCode).toBe(ExitCode.WriteFailed);
    expect(e.file).toBe(locked);
    expect(e.problem).toMatch(/^is read-only/);
    expect(e.fix).toMatch(/chmod u\+w.* The 1 change listed before it was applied; run the command again to finish\.$/);
    expect(e.message).toBe(`${locked}: ${e.problem} ${e.fix}`);
    expect(readFileSync(first, 'utf8')).toBe('one\n');
    expect(readFileSync(locked, 'utf8')).toBe('old\n');
  });
});
