import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { LineTransport } from '../../../src/mcp/stdio-transport.js';

/** A transport over in-memory streams, with what it delivered and whether it has finished. */
async function open() {
  const input = new PassThrough();
  const output = new PassThrough();
  const transport = new LineTransport(input, output);
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (m) => received.push(m);
  let finished = false;
  void transport.finished.then(() => (finished = true));
  await transport.start();
  // Lets the stream events and the write callbacks run.
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { input, transport, received, settle, isFinished: () => finished };
}

const call = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'set_status', arguments: { text: 'x' } } });

describe('LineTransport at the end of input', () => {
  it('reads a last line that has no newline', async () => {
    const t = await open();
    t.input.end(call(4));
    await t.settle();
    expect(t.received).toMatchObject([{ id: 4 }]);
  });

  it('finishes only once every request read has its reply written', async () => {
    const t = await open();
    t.input.end(`${call(1)}\n${call(2)}\n`);
    await t.settle();
    expect(t.isFinished()).toBe(false);
    await t.transport.send({ jsonrpc: '2.0', id: 2, result: {} });
    await t.settle();
    expect(t.isFinished()).toBe(false);
    await t.transport.send({ jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'failed' } });
    await t.settle();
    expect(t.isFinished()).toBe(true);
  });

  it('waits for no reply to a request the client cancelled, as none comes', async () => {
    const t = await open();
    const cancel = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } });
    t.input.end(`${call(3)}\n${cancel}\n`);
    await t.settle();
    expect(t.isFinished()).toBe(true);
  });

  it('does not finish while input is still open', async () => {
    const t = await open();
    t.input.write('\n');
    await t.settle();
    expect(t.isFinished()).toBe(false);
  });
});
