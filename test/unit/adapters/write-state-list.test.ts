import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeStateList } from '../../../src/adapters/edit-state.js';
import { writeState } from '../../../src/adapters/state-dir.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('writeStateList', () => {
  it('writes, a slice at a time, the same JSON as one JSON.stringify of the whole', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-state-'));
    const path = join(dir, 'git-session', 'record.json');
    const commits = Array.from({ length: 2501 }, (_, i) => ({ hash: `h${i}`, files: i % 3 === 0 ? [] : [{ path: `é/${i}` }] }));
    for (const [fields, list] of [
      [{ key: 'k', head: 'abc' }, commits],
      [{ key: 'k' }, []],
      [{}, [{ a: 1 }, null]],
    ] as const) {
      writeStateList(path, fields, 'commits', list);
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(JSON.stringify({ ...fields, commits: list }));
    }
  });
});

describe('writeState in pieces', () => {
  it('leaves neither the file nor a temp file when a piece fails', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-state-'));
    const path = join(dir, 'record.json');
    function* failing(): Generator<string> {
      yield '{"commits":[';
      throw new Error('no space left');
    }
    expect(() => writeState(path, failing())).toThrow('no space left');
    expect(readdirSync(dir)).toEqual([]);
  });
});
