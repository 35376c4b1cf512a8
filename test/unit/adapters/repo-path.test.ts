import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realPath, repoPathOf } from '../../../src/adapters/repo-path.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('paths with their links resolved', () => {
  it('resolves the nearest existing folder of a file not written yet, and compares both sides so', () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'gs-path-')));
    const real = join(dir, 'real');
    mkdirSync(join(real, 'src'), { recursive: true });
    symlinkSync(real, join(dir, 'link'));
    expect(realPath(join(dir, 'link', 'src', 'new', 'file.ts'))).toBe(join(real, 'src', 'new', 'file.ts'));
    expect(repoPathOf(join(dir, 'link'), dir, 'real/src/new/file.ts')).toBe('src/new/file.ts');
    expect(repoPathOf(real, join(dir, 'link', 'src'), 'a.ts')).toBe('src/a.ts');
    expect(repoPathOf(real, dir, 'link/../elsewhere.ts')).toBeUndefined();
    expect(repoPathOf(real, real, '..notes.md')).toBe('..notes.md');
  });
});
