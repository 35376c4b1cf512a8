import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepStateLine, readStateLines, writeStateList } from '../../../src/adapters/edit-state.js';
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

describe('a list written an element per line', () => {
  const items = [
    { commit: 'aaa', text: 'first' },
    { commit: 'bbb', text: 'two\nlines, and "commit":"aaa" quoted' },
    { commit: 'aaa', text: 'second of aaa' },
    { commit: 'ccc', text: 'é' },
  ];
  const needle = (hash: string) => `"commit":"${hash}"`;

  it('is the same JSON, and gives back the elements that hold a needle, in the file\'s order', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-state-'));
    const path = join(dir, 'record-items.json');
    writeStateList(path, { key: 'k', head: 'h1' }, 'value', items, true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ key: 'k', head: 'h1', value: items });
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('ccc'), needle('aaa')])).toEqual([items[0], items[2], items[3]]);
    // A needle inside a string is escaped there: that element is not one of its commit's.
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('bbb')])).toEqual([items[1]]);
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('ddd')])).toEqual([]);
    writeStateList(path, { key: 'k', head: 'h1' }, 'value', [], true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ key: 'k', head: 'h1', value: [] });
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('aaa')])).toEqual([]);
  });

  it('gives nothing for other fields, a file of one line, a damaged element it reads, or no file', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-state-'));
    const path = join(dir, 'record-items.json');
    writeStateList(path, { key: 'k', head: 'h1' }, 'value', items, true);
    expect(readStateLines(path, { key: 'k', head: 'h2' }, [needle('aaa')])).toBeUndefined();
    expect(readStateLines(path, { key: 'other', head: 'h1' }, [needle('aaa')])).toBeUndefined();
    writeFileSync(path, readFileSync(path, 'utf8').replace('"first"', '"first'));
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('aaa')])).toBeUndefined();
    // Damage elsewhere is not read.
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('ccc')])).toEqual([items[3]]);
    writeStateList(path, { key: 'k', head: 'h1' }, 'value', items);
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('aaa')])).toBeUndefined();
    expect(readStateLines(join(dir, 'missing.json'), { key: 'k', head: 'h1' }, [needle('aaa')])).toBeUndefined();
  });
});

describe('keepStateLine', () => {
  const needle = (id: string) => `{"id":"${id}",`;
  const keep = (path: string, id: string, text: string, head = 'h1') => keepStateLine(path, { key: 'k', head }, 'value', needle(id), { id, text }, 3);

  it('puts an element in place of the one with its needle, keeps the newest, and the file stays JSON', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-state-'));
    const path = join(dir, 'git-session', 'blamed.json');
    keep(path, 'a', 'first');
    keep(path, 'b', 'two\nlines, with {"id":"a", quoted');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ key: 'k', head: 'h1', value: [{ id: 'a', text: 'first' }, { id: 'b', text: 'two\nlines, with {"id":"a", quoted' }] });
    keep(path, 'a', 'again');
    keep(path, 'c', 'é');
    keep(path, 'd', 'fourth');
    // Three kept, the oldest gone; "a" moved to where it was put again.
    expect(JSON.parse(readFileSync(path, 'utf8')).value.map((v: { id: string }) => v.id)).toEqual(['a', 'c', 'd']);
    expect(readStateLines(path, { key: 'k', head: 'h1' }, [needle('a')])).toEqual([{ id: 'a', text: 'again' }]);
    // Another HEAD, or a file not written a line per element, starts afresh.
    keep(path, 'e', 'new head', 'h2');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ key: 'k', head: 'h2', value: [{ id: 'e', text: 'new head' }] });
    writeStateList(path, { key: 'k', head: 'h2' }, 'value', [{ id: 'x', text: 'one line' }]);
    keep(path, 'f', 'after', 'h2');
    expect(JSON.parse(readFileSync(path, 'utf8')).value).toEqual([{ id: 'f', text: 'after' }]);
    writeFileSync(path, 'damaged');
    keep(path, 'g', 'mended', 'h2');
    expect(JSON.parse(readFileSync(path, 'utf8')).value).toEqual([{ id: 'g', text: 'mended' }]);
    expect(readdirSync(join(dir, 'git-session'))).toEqual(['blamed.json']);
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
