import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdin } from '../../../src/hooks/claude-input.js';

const NEVER = 10 * 60_000;

function pipe(): PassThrough & NodeJS.ReadStream {
  return new PassThrough() as PassThrough & NodeJS.ReadStream;
}

describe('readStdin', () => {
  it('returns as soon as one whole JSON object has arrived, though the pipe stays open', async () => {
    const stream = pipe();
    const read = readStdin(stream, NEVER);
    stream.write('{"source":"compact",');
    stream.write('"cwd":"/x"}\n');
    await expect(read).resolves.toBe('{"source":"compact","cwd":"/x"}\n');
  });

  it('keeps reading while the object is incomplete, and returns what came when the input ends', async () => {
    const stream = pipe();
    const read = readStdin(stream, NEVER);
    stream.write('{"a": "}"');
    stream.end(' trailing');
    await expect(read).resolves.toBe('{"a": "}" trailing');
  });

  it('gives up after the timeout when nothing complete arrives', async () => {
    const stream = pipe();
    stream.write('{"never": ');
    await expect(readStdin(stream, 20)).resolves.toBe('{"never": ');
  });
});
