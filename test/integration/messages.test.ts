import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/adapters/fs.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('messages that say what is true', () => {
  it('review with no range on main says it is on the default branch itself', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# S\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'one']);
    const r = repo.run(['review']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HEAD is on main, the default branch itself');
    expect(r.stderr).not.toContain('there is no default branch');
  });

  it('a write under a path whose folder is a file says so, not chmod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-session-enotdir-'));
    try {
      writeFileSync(join(dir, 'journal'), 'a file\n');
      expect(() => writeFileAtomic(join(dir, 'journal/2026-W49.md'), 'x')).toThrow(/a part of its path is a file, not a folder/);
      try {
        writeFileAtomic(join(dir, 'journal/2026-W49.md'), 'x');
      } catch (error) {
        expect((error as Error).message).not.toContain('chmod');
      }
      expect(() => writeFileAtomic(join(dir, 'missing/x.md'), 'x')).toThrow(/its folder does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
