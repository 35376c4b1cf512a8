import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockedSince, passLock, releaseLock, tryLock } from '../../../src/adapters/lock.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('a lock taken without waiting (the edit-time index builder)', () => {
  it('is held by one process at a time, handed on, and freed only by its holder', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-lock-'));
    const lock = join(dir, 'git-session', 'edit-index.building');
    expect(lockedSince(lock, 60_000)).toBeUndefined();
    expect(tryLock(lock, 60_000)).toBe(true);
    expect(tryLock(lock, 60_000)).toBe(false);
    expect(lockedSince(lock, 60_000)).toBeTypeOf('number');
    // Handed to another live process: this one can no longer free it.
    passLock(lock, process.ppid);
    releaseLock(lock);
    expect(existsSync(lock)).toBe(true);
    expect(tryLock(lock, 60_000)).toBe(false);
    releaseLock(lock, process.ppid);
    expect(existsSync(lock)).toBe(false);
  });

  it('is taken over from a holder that has ended', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-lock-'));
    const lock = join(dir, 'edit-index.building');
    expect(tryLock(lock, 60_000)).toBe(true);
    passLock(lock, deadPid());
    expect(lockedSince(lock, 60_000)).toBeUndefined();
    expect(tryLock(lock, 60_000)).toBe(true);
    expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
  });
});
