import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gitBlobSha1 } from '../../../src/core/text/sha1.js';

function reference(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

describe('gitBlobSha1', () => {
  it('gives the ids git gives', () => {
    // git hash-object of an empty file, and of "abc" with no newline.
    expect(gitBlobSha1(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(gitBlobSha1(new TextEncoder().encode('abc'))).toBe('f2ba8f84ab5c1bce84a7b441cb1959cfc7093b7f');
  });

  it('agrees with node:crypto at every length around the block edges, and on long multi-byte text', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, random);
      expect(gitBlobSha1(bytes), `length ${n}`).toBe(reference(bytes));
    }
    const text = new TextEncoder().encode('- Round half to even — Reason: matches the spec ✓\n'.repeat(2_000));
    expect(gitBlobSha1(text)).toBe(reference(text));
  });
});
