import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CancelledNotificationSchema,
  JSONRPCMessageSchema,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';

/** The largest request line the server reads (1 MiB); a longer one gets an error reply and is skipped. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** JSON-RPC error codes the transport answers with itself. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

type Id = string | number | null;

/** The id of a request that could not be parsed, read from its first bytes when it is there. */
function idOf(head: string): Id {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,15})/.exec(head);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as string | number;
  } catch {
    return null;
  }
}

/**
 * MCP over stdio, one JSON-RPC message a line, that answers what it cannot read
 * instead of dropping it or stopping: a line that is not JSON gets a parse error
 * (-32700), JSON that is not a JSON-RPC message an invalid-request error (-32600),
 * and a line over {@link MAX_REQUEST_BYTES} an invalid-request error naming the limit
 * (its bytes are discarded as they arrive, never buffered). The server keeps serving.
 *
 * The end of input is not the end of the work: a client may write its last requests
 * and close stdin at once (`printf … | git session mcp`). A last line without its
 * newline is still read, and {@link finished} waits until every request read has been
 * answered and every reply written, so no call runs without its reply reaching the
 * client.
 */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** The first bytes of a line being skipped for its size; undefined when not skipping. */
  private skipping: string | undefined;
  /** Requests read and not yet answered, by id. */
  private readonly open = new Set<string | number>();
  /** Replies being written. */
  private writing = 0;
  private ended = false;
  private settle: () => void = () => undefined;
  /** Resolves once input has ended, every request read was answered and every reply is written. */
  readonly finished = new Promise<void>((resolve) => (this.settle = resolve));
  private readonly onData = (chunk: Buffer) => this.take(chunk);
  private readonly onError = (error: Error) => this.onerror?.(error);
  private readonly onEnd = () => {
    // The last request may come without its newline.
    if (this.skipping !== undefined || this.size > 0) this.endLine();
    this.ended = true;
    this.check();
  };

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly limit: number = MAX_REQUEST_BYTES,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onError);
    this.input.once('end', this.onEnd);
  }

  private check(): void {
    if (this.ended && this.open.size === 0 && this.writing === 0) this.settle();
  }

  private take(chunk: Buffer): void {
    let rest = chunk;
    for (;;) {
      const nl = rest.indexOf(0x0a);
      const part = nl === -1 ? rest : rest.subarray(0, nl);
      if (this.skipping === undefined) {
        if (this.size + part.length > this.limit) {
          this.skipping = Buffer.concat([...this.chunks, part]).subarray(0, 4096).toString('utf8');
          this.chunks = [];
          this.size = 0;
        } else {
          this.chunks.push(part);
          this.size += part.length;
        }
      }
      if (nl === -1) return;
      rest = rest.subarray(nl + 1);
      this.endLine();
    }
  }

  private endLine(): void {
    if (this.skipping !== undefined) {
      const id = idOf(this.skipping);
      this.skipping = undefined;
      void this.reply(id, INVALID_REQUEST, `Request too large: the limit is ${this.limit} bytes a message.`);
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      void this.reply(null, PARSE_ERROR, `Parse error: ${(error as Error).message}`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = value !== null && typeof value === 'object' && 'id' in value ? ((value as { id: unknown }).id as Id) : null;
      void this.reply(typeof id === 'string' || typeof id === 'number' ? id : null, INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message.');
      return;
    }
    const message = parsed.data;
    if (isJSONRPCRequest(message)) this.open.add(message.id);
    // A cancelled request gets no reply (the MCP rule the SDK follows): stop waiting for one.
    const cancel = CancelledNotificationSchema.safeParse(message);
    if (cancel.success && cancel.data.params.requestId !== undefined) this.open.delete(cancel.data.params.requestId);
    this.onmessage?.(message);
  }

  private reply(id: Id, code: number, message: string): Promise<void> {
    return this.write({ jsonrpc: '2.0', id, error: { code, message } });
  }

  /** Resolves once the reply is handed to the system (or could not be: a client gone), so nothing waits on a 'drain' that never comes. */
  private async write(message: unknown): Promise<void> {
    this.writing++;
    try {
      await new Promise<void>((resolve) => this.output.write(`${JSON.stringify(message)}\n`, () => resolve()));
    } finally {
      this.writing--;
      this.check();
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined) this.open.delete(message.id);
    return this.write(message);
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.off('error', this.onError);
    this.input.off('end', this.onEnd);
    this.chunks = [];
    this.onclose?.();
  }
}
