/**
 * The gateway tests' client checks every server frame against the strict
 * protocol schema, which makes every gateway test a conformance test. Here
 * it faces a server that breaks the protocol (a plain ws server standing in
 * for a faulty gateway) and must say so: a wait fails at once, naming the
 * frame, and the violations are there for the end-of-test check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { TestClient, protocolViolation } from './support.ts';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A server that sends `frames` to each client on connect. */
async function serverSending(frames: (string | Buffer)[]): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  wss.on('connection', (ws) => frames.forEach((f) => ws.send(f, { binary: Buffer.isBuffer(f) })));
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
}

describe('TestClient protocol conformance', () => {
  it('fails a wait on the first frame outside the schema and records it', async () => {
    const url = await serverSending([JSON.stringify({ op: 'pong', now: 1 }), JSON.stringify({ op: 'error', code: 'internal', message: 'no temporary flag' })]);
    const c = await TestClient.connect(url);
    await expect(c.waitForOp('welcome')).rejects.toThrow(/temporary.*no temporary flag/);
    expect(c.takeViolations()).toHaveLength(1);
    c.close();
  });

  it('names each kind of violation: unknown op, unknown field, wrong type, not JSON, binary', () => {
    const v = (frame: unknown, binary = false) => protocolViolation(Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame)), binary);
    expect(v({ op: 'pong', now: 1 })).toBeNull();
    expect(v({ op: 'teleported' })).toMatch(/op/);
    expect(v({ op: 'pong', now: 1, extra: true })).toMatch(/extra/);
    expect(v({ op: 'gap', id: 's', topic: 't', partition: 0, requested: null, available: 5, reason: 'retention' })).toMatch(/available/);
    expect(v('{"op":')).toMatch(/not JSON/);
    expect(v({ op: 'pong', now: 1 }, true)).toMatch(/binary/);
  });
});
