import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startEarly } from '../../../src/adapters/early-git.js';
import { git } from '../../../src/adapters/git.js';
import { tempRepo, type TempRepo } from '../../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('a git command the entry started early', () => {
  it('is handed to the first identical call only, with what git answered when it ran', async () => {
    repo = tempRepo();
    const before = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    // Once it has answered, move HEAD: the first call gets the early answer, the next asks git again.
    await startEarly(['rev-parse', 'HEAD'], repo.dir, execFile);
    repo.write('later.txt', 'later\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Later']);
    const after = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    expect(after).not.toBe(before);
    expect((await git(['rev-parse', 'HEAD'], { cwd: repo.dir })).stdout.trim()).toBe(before);
    expect((await git(['rev-parse', 'HEAD'], { cwd: repo.dir })).stdout.trim()).toBe(after);
  });

  it('fails the call as git would, unless failure is allowed', async () => {
    repo = tempRepo();
    startEarly(['rev-parse', '--verify', 'no-such-ref'], repo.dir, execFile);
    await expect(git(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo.dir })).rejects.toMatchObject({ exitCode: expect.any(Number) });
    startEarly(['rev-parse', '--verify', 'no-such-ref'], repo.dir, execFile);
    expect((await git(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo.dir, allowFailure: true })).code).not.toBe(0);
  });
});
