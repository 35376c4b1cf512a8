import { sanitiseChunk } from './sanitise.js';

/**
 * Pieces of output, each sanitised for a terminal as it is read (see `sanitiseChunk`);
 * a reader that stops early stops the source too.
 */
export async function* sanitisedChunks(chunks: AsyncIterable<string>, json: boolean): AsyncGenerator<string> {
  for await (const chunk of chunks) yield sanitiseChunk(chunk, json);
}

/** The whole text of pieces of output, for a caller that needs it at once (the MCP server, tests). */
export async function joinChunks(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

/**
 * Waits for the stream's first piece, so what fails before any output (a bad
 * revision, no commits yet) is thrown by the command itself, as from one that
 * returns its whole text; the rest is produced as it is read.
 */
export async function primed(chunks: AsyncIterable<string>): Promise<AsyncIterable<string>> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  return {
    [Symbol.asyncIterator]() {
      let head: IteratorResult<string> | undefined = first;
      return {
        next: () => {
          if (head === undefined) return it.next();
          const out = head;
          head = undefined;
          return Promise.resolve(out);
        },
        return: (value?: unknown) => (it.return ? it.return(value) : Promise.resolve({ done: true as const, value: undefined })),
      };
    },
  };
}
