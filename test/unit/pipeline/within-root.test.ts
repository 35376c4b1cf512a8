import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withinRoot } from '../../../src/core/pipeline/paths.js';

describe('withinRoot', () => {
  it.each([
    ['/repo/src/a.ts', 'src/a.ts'],
    ['/repo/..notes.md', '..notes.md'],
    ['/repo/src/..hidden/x', 'src/..hidden/x'],
    ['/repo/...', '...'],
    ['/repo', undefined],
    ['/repo/../x', undefined],
    ['/x', undefined],
    ['/repository/a', undefined],
    ['/repo/a/../../b', undefined],
  ])('posix: %s -> %s', (target, expected) => {
    expect(withinRoot('/repo', target, posix)).toBe(expected);
  });

  it.each([
    ['C:\\repo\\src\\a.ts', 'src/a.ts'],
    ['C:\\repo\\..notes.md', '..notes.md'],
    ['c:\\REPO\\src\\a.ts', 'src/a.ts'],
    ['D:\\repo\\src\\a.ts', undefined],
    ['C:\\other\\a.ts', undefined],
  ])('win32: %s -> %s', (target, expected) => {
    expect(withinRoot('C:\\repo', target, win32)).toBe(expected);
  });
});
