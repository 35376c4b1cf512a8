import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveAfterFirstPiece } from '../helpers/reader-gone.js';
import { BIN, TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';
import { shopHistory } from './timeline-repo.js';

// What a command writes to stdout is its result: a write that fails (a full disk, a
// descriptor not open for writing) is a failed write, exit 5, told in one line. A
// reader that goes away (`| head`) is not a failure, as for git.
let repo: TempRepo;
beforeAll(() => {
  repo = tempRepo({ empty: true });
  shopHistory(repo);
});
afterAll(() => repo.cleanup());

/** Runs the built binary with stdout on `fd`. */
function runTo(fd: number, args: readonly string[]) {
  const r = spawnSync('node', [BIN, ...args], { cwd: repo.dir, env: repo.env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: TIMEOUT_MS });
  return { code: r.status, stderr: r.stderr };
}

const COMMANDS = [['timeline'], ['log'], ['log', '--format', 'json'], ['--version']].map((args) => [args.join(' '), args] as const);

describe('a failed write to stdout', () => {
  it.each(COMMANDS)('exits 5 with one line naming the reason: %s', (_name, args) => {
    const file = join(repo.home, 'read-only-out.txt');
    writeFileSync(file, '');
    // Open for reading only: every write to it fails (EBADF).
    const fd = openSync(file, 'r');
    try {
      const r = runTo(fd, args);
      expect(r.stderr).toBe(
        'git-session: stdout could not be written: bad file descriptor (EBADF). Check where the output goes (a full disk, a file or device that cannot be written) and run the command again.\n',
      );
      expect(r.code).toBe(5);
    } finally {
      closeSync(fd);
    }
  });

  it.skipIf(!existsSync('/dev/full')).each(COMMANDS)('exits 5 on a full device: %s', (_name, args) => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = runTo(fd, args);
      expect(r.stderr).toMatch(/^git-session: stdout could not be written: no space left on device \(ENOSPC\)\. [^\n]*\n$/);
      expect(r.code).toBe(5);
    } finally {
      closeSync(fd);
    }
  });

  it('is not one when the reader goes away after the first piece of a page', async () => {
    const { stderr, code } = await leaveAfterFirstPiece(repo, ['timeline']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
