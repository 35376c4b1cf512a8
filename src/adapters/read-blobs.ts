import { spawn } from 'node:child_process';
import { ExitCode, GitSessionError } from '../errors.js';

/**
 * Parses `git cat-file --batch` output as it arrives: a header line per object asked
 * for (`<id> <type> <size>`, or `<id> missing`), then the object's bytes and a newline.
 * Each object is handed to `decode` as soon as it is whole, so a batch of a thousand
 * journal versions is never held at once, only the object being read.
 */
export class BatchStream<T> {
  private parts: Buffer[] = [];
  private have = 0;
  /** How many bytes must be held before the next step (a header's end, an object's) can be taken. */
  private need = 0;
  /** The object whose bytes are awaited, after its header was read. */
  private body: { id: string; size: number } | undefined;
  private next = 0;

  constructor(
    private readonly ids: readonly string[],
    private readonly decode: (bytes: Buffer) => T,
    readonly out: Map<string, T> = new Map(),
  ) {}

  push(chunk: Buffer): void {
    this.parts.push(chunk);
    this.have += chunk.length;
    // Joined only when the next step can be taken: a large object arriving in many
    // pieces is copied once, not once per piece.
    if (this.have < this.need) return;
    let buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    let pos = 0;
    for (;;) {
      if (this.body) {
        const end = pos + this.body.size;
        // The object and the newline after it.
        if (buf.length < end + 1) {
          this.need = end + 1 - pos;
          break;
        }
        this.out.set(this.body.id, this.decode(buf.subarray(pos, end)));
        this.body = undefined;
        pos = end + 1;
        continue;
      }
      if (this.next >= this.ids.length) {
        // Every object asked for is read: nothing more is expected.
        pos = buf.length;
        this.need = 0;
        break;
      }
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) {
        this.need = buf.length - pos + 1;
        break;
      }
      const header = buf.toString('utf8', pos, nl).split(' ');
      const id = this.ids[this.next++]!;
      pos = nl + 1;
      if (header[1] !== 'missing' && header.length >= 3) this.body = { id, size: Number(header[2]) };
    }
    buf = buf.subarray(pos);
    this.parts = buf.length > 0 ? [buf] : [];
    this.have = buf.length;
  }
}

/** Reads blobs by id in one `git cat-file --batch`; a missing one is left out. */
export function readBlobs(ids: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Map<string, string>>;
/** The same, each blob through `decode` (which may say null for one it refuses). */
export function readBlobs<T>(ids: readonly string[], cwd: string, env: NodeJS.ProcessEnv, decode: (bytes: Buffer) => T): Promise<Map<string, T>>;
export function readBlobs(
  ids: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  decode: (bytes: Buffer) => unknown = (bytes) => bytes.toString('utf8'),
): Promise<Map<string, unknown>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    const stream = new BatchStream(ids, decode);
    let thrown: unknown;
    child.stdout.on('data', (chunk: Buffer) => {
      if (thrown !== undefined) return;
      try {
        stream.push(chunk);
      } catch (error) {
        thrown = error;
        child.kill();
      }
    });
    child.on('error', (error) => reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error })));
    child.on('close', () => (thrown === undefined ? resolve(stream.out) : reject(thrown)));
    child.stdin.on('error', () => {});
    child.stdin.end(ids.join('\n') + '\n');
  });
}
