/**
 * The git blob id (SHA-1, FIPS 180-4 §6.1) of `content`: SHA-1 of `blob <size>\0`
 * followed by the bytes. Used only to recognise a text by its id, never for security:
 * the hook checks whether the session file on disk is the staged blob, and loading
 * node:crypto costs ~10 ms on Node 24, more than hashing a typical session file here.
 * A wrong answer could only make that check fail, and git is asked for the blob then.
 */
export function gitBlobSha1(content: Uint8Array): string {
  const header = new TextEncoder().encode(`blob ${content.length}\0`);
  const len = header.length + content.length;
  // The message, a 1 bit, zeros, and the length in bits: a whole number of 64-byte blocks.
  const padded = (((len + 8) >>> 6) + 1) << 6;
  const bytes = new Uint8Array(padded);
  bytes.set(header, 0);
  bytes.set(content, header.length);
  bytes[len] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(padded - 8, Math.floor(len / 0x20000000));
  view.setUint32(padded - 4, (len * 8) >>> 0);

  const w = new Int32Array(80);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let block = 0; block < padded; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(block + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let next: number;
    // Four loops of 20 rounds, one per round function, rather than a branch in each round.
    for (let t = 0; t < 20; t++) {
      next = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let t = 20; t < 40; t++) {
      next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let t = 40; t < 60; t++) {
      next = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (let t = 60; t < 80; t++) {
      next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
