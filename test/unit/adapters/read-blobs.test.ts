import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchStream } from '../../../src/adapters/read-blobs.js';

type Obj = { id: string; body: Buffer | null };

/** What `git cat-file --batch` writes for these objects: a header, then the bytes and a newline; `missing` for one it lacks. */
function batchOutput(objects: readonly Obj[]): Buffer {
  return Buffer.concat(
    objects.map(({ id, body }) =>
      body === null ? Buffer.from(`${id} missing\n`) : Buffer.concat([Buffer.from(`${id} blob ${body.length}\n`), body, Buffer.from('\n')]),
    ),
  );
}

/** Cuts `bytes` at the given offsets, as a pipe may. */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.subarray(from, p));
    from = p;
  }
  return pieces;
}

const object = fc.record({
  id: fc.stringMatching(/^[0-9a-f]{7,12}$/),
  // Newlines and bytes that look like headers inside a body must not confuse the reader.
  body: fc.option(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), { nil: null }),
});

describe('BatchStream', () => {
  it('reads every object whole, however the output is cut into pieces', () => {
    fc.assert(
      fc.property(fc.uniqueArray(object, { selector: (o) => o.id, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (objects, at) => {
        const stream = new BatchStream(
          objects.map((o) => o.id),
          (bytes) => bytes.toString('hex'),
        );
        for (const piece of cut(batchOutput(objects), at)) stream.push(piece);
        const expected = new Map(objects.flatMap((o) => (o.body === null ? [] : [[o.id, o.body.toString('hex')] as const])));
        expect(stream.out).toEqual(expected);
      }),
    );
  });

  it('hands each object over as soon as it is whole, not when the batch ends', () => {
    const objects = [
      { id: 'aaaaaaa', body: Buffer.from('first\n') },
      { id: 'bbbbbbb', body: Buffer.from('second\n') },
    ];
    const bytes = batchOutput(objects);
    const stream = new BatchStream(['aaaaaaa', 'bbbbbbb'], (b) => b.toString());
    const firstEnd = bytes.indexOf('bbbbbbb blob');
    stream.push(bytes.subarray(0, firstEnd));
    expect([...stream.out.keys()]).toEqual(['aaaaaaa']);
    stream.push(bytes.subarray(firstEnd));
    expect(stream.out.get('bbbbbbb')).toBe('second\n');
  });
});
