import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetOwnedEdits, recordOwnedEdit } from '../../../src/adapters/owned-edits.js';
import { editsSince } from '../../../src/core/pipeline/owned-lines.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const recordFile = (stateDir: string) => join(stateDir, 'owned-edits.json');
const read = (stateDir: string) => JSON.parse(readFileSync(recordFile(stateDir), 'utf8')) as { file: string; edits: { before: string; after: string }[] };
/** What another process (a `decide` while the commit runs) writes. */
const writeAsAnother = (stateDir: string, edits: { before: string; after: string }[]) =>
  writeFileSync(recordFile(stateDir), JSON.stringify({ file: 'SESSION.md', edits }));

function stateDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'gs-owned-'));
  const s = join(dir, 'git-session');
  mkdirSync(s);
  return s;
}

describe('forgetOwnedEdits', () => {
  it('forgets what this process saw, and keeps what a command recorded since', () => {
    const s = stateDir();
    recordOwnedEdit(s, 'SESSION.md', 'a\n', 'a\nD1\n');
    expect(existsSync(recordFile(s))).toBe(true);
    // Another decide extends the last edit, and appends one after a hand edit.
    writeAsAnother(s, [{ before: 'a\n', after: 'a\nD1\nD2\n' }, { before: 'x\n', after: 'x\nD3\n' }]);
    forgetOwnedEdits(s);
    expect(read(s).edits).toEqual([
      { before: 'a\nD1\n', after: 'a\nD1\nD2\n' },
      { before: 'x\n', after: 'x\nD3\n' },
    ]);
  });

  it('removes the record when nothing was recorded since', () => {
    const s = stateDir();
    recordOwnedEdit(s, 'SESSION.md', 'a\n', 'a\nD1\n');
    forgetOwnedEdits(s);
    expect(existsSync(recordFile(s))).toBe(false);
  });

  it('keeps a record that appeared after this process looked, or was written anew', () => {
    const s = stateDir();
    writeAsAnother(s, [{ before: 'a\n', after: 'a\nD1\n' }]);
    forgetOwnedEdits(s);
    expect(read(s).edits).toHaveLength(1);
    recordOwnedEdit(s, 'SESSION.md', 'a\nD1\n', 'a\nD1\nD2\n');
    writeAsAnother(s, [{ before: 'b\n', after: 'b\nD9\n' }]);
    forgetOwnedEdits(s);
    expect(read(s).edits).toEqual([{ before: 'b\n', after: 'b\nD9\n' }]);
  });
});

describe('editsSince', () => {
  const e = (before: string, after: string) => ({ before, after });
  it.each([
    [[], [e('a', 'b')], [e('a', 'b')]],
    [[e('a', 'b')], [e('a', 'b')], []],
    [[e('a', 'b')], [e('a', 'c')], [e('b', 'c')]],
    [[e('a', 'b')], [e('a', 'b'), e('x', 'y')], [e('x', 'y')]],
    [[e('a', 'b'), e('c', 'd')], [e('a', 'b'), e('c', 'f'), e('x', 'y')], [e('d', 'f'), e('x', 'y')]],
    [[e('a', 'b')], [e('z', 'b')], undefined],
    [[e('a', 'b'), e('c', 'd')], [e('a', 'b')], undefined],
    [[e('a', 'b'), e('c', 'd')], [e('a', 'q'), e('c', 'd')], undefined],
  ])('%j then %j → %j', (seen, now, expected) => {
    expect(editsSince(seen, now)).toEqual(expected);
  });
});
