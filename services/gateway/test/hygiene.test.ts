/**
 * Connection hygiene: error codes for bad input, fast-check over client
 * messages (malformed JSON, huge frames, unknown ops, wrong types) with the
 * gateway still serving, rate limit and abuse close 1008, limits, heartbeat.
 */
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { makeUpdates, waitFor } from '@newswire/test-support';
import type { RunningGateway } from '../src/index.ts';
import { TestClient, gatewayTestbed } from './support.ts';

const bed = gatewayTestbed();
let strict: RunningGateway; // default-ish limits
let lenient: RunningGateway; // high rate limits, for fuzzing
const MAX_PAYLOAD = 4096;

beforeAll(async () => {
  ({ gw: strict } = await bed.gateway({
    limits: { maxPayload: MAX_PAYLOAD, maxSubscriptions: 3, maxConnections: 20, ratePerSec: 5, burst: 10, abuseBurst: 5, heartbeatMs: 300 },
  }));
  ({ gw: lenient } = await bed.gateway({
    limits: { maxPayload: MAX_PAYLOAD, ratePerSec: 100_000, burst: 100_000, abuseBurst: 1_000_000, abuseRefillPerSec: 1_000 },
  }));
});

const urlOf = (g: RunningGateway) => `ws://127.0.0.1:${g.port}/`;

async function stillServes(g: RunningGateway, prefix: string): Promise<void> {
  const c = await TestClient.connect(urlOf(g));
  c.send({ op: 'subscribe', id: 'check' });
  await c.waitForOp('subscribed');
  const [u] = makeUpdates(1, { prefix, stories: 7 });
  await bed.pub.publish([u]);
  await c.waitForOp('update', (f) => f.update.id === u!.id);
  c.close();
}

describe('invalid input', () => {
  it('answers with stable error codes', async () => {
    const c = await TestClient.connect(urlOf(lenient));
    const cases: [unknown, string][] = [
      ['{not json', 'bad_message'],
      [JSON.stringify({ nop: 1 }), 'unknown_op'],
      [JSON.stringify({ op: 'dance' }), 'unknown_op'],
      [JSON.stringify([1, 2]), 'unknown_op'],
      [JSON.stringify({ op: 'subscribe', id: 5 }), 'bad_message'],
      [JSON.stringify({ op: 'subscribe', id: 'x', filter: { kinds: ['weather'] } }), 'bad_message'],
      [JSON.stringify({ op: 'subscribe', id: 'x', from: { time: 'yesterday' } }), 'bad_message'],
      [JSON.stringify({ op: 'subscribe', id: 'x', topics: ['not.served'] }), 'unknown_topic'],
      [JSON.stringify({ op: 'unsubscribe', id: 'nope' }), 'unknown_subscription'],
      [JSON.stringify({ op: 'hello', v: 2 }), 'bad_message'],
    ];
    for (const [msg, code] of cases) {
      const before = c.of('error').length;
      c.send(msg);
      await c.waitFor(() => c.of('error').length > before, `error for ${String(msg)}`);
      expect(c.of('error').at(-1)!.code, String(msg)).toBe(code);
    }
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await c.waitFor(() => c.of('error').length === cases.length + 1, 'binary error');
    expect(c.of('error').at(-1)!.code).toBe('bad_message');
    c.send({ op: 'subscribe', id: 'dup' });
    c.send({ op: 'subscribe', id: 'dup' });
    expect((await c.waitForOp('error', (e) => e.ref === 'dup')).code).toBe('duplicate_subscription');
    c.send({ op: 'ping', t: 42 });
    expect((await c.waitForOp('pong')).t).toBe(42);
    c.close();
  });

  it('survives fast-check generated client messages and keeps serving', { timeout: 120_000 }, async () => {
    const ops = fc.constantFrom('hello', 'subscribe', 'unsubscribe', 'ping', 'bogus', '', 'SUBSCRIBE');
    const structured = fc.record(
      {
        op: ops,
        v: fc.oneof(fc.constant(1), fc.anything()),
        id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(null)),
        topics: fc.oneof(fc.array(fc.string(), { maxLength: 70 }), fc.string(), fc.anything()),
        filter: fc.oneof(fc.object(), fc.record({ kinds: fc.array(fc.string()) }), fc.anything()),
        from: fc.oneof(fc.constantFrom('live', 'earliest', 'never'), fc.record({ time: fc.string() }), fc.record({ positions: fc.array(fc.record({ topic: fc.string(), partition: fc.integer(), offset: fc.double() })) }), fc.anything()),
        token: fc.string(),
        t: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const frame = fc.oneof(
      structured.map((o) => JSON.stringify(o) ?? 'null'),
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.string({ minLength: MAX_PAYLOAD + 1, maxLength: MAX_PAYLOAD + 50 }).map((s) => s.padEnd(MAX_PAYLOAD + 1, 'x')),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    );
    let c = await TestClient.connect(urlOf(lenient));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 20 }), async (frames) => {
        for (const f of frames) {
          if (c.closeCode !== null || c.ws.readyState !== WebSocket.OPEN) {
            // Oversized frames close the socket (1009) by design: carry on with a new one.
            expect([1009, 1008, 1006]).toContain(c.closeCode ?? 1006);
            c = await TestClient.connect(urlOf(lenient));
          }
          c.ws.send(f, { binary: Buffer.isBuffer(f) });
          sent++;
        }
        // Round-trip a ping so the frames were all processed before the next run.
        if (c.ws.readyState === WebSocket.OPEN) {
          const t = sent;
          c.send({ op: 'ping', t });
          await c.waitFor(() => c.of('pong').some((p) => p.t === t) || c.closeCode !== null, 'pong or close');
        }
      }),
      { numRuns: 150 },
    );
    c.close();
    await stillServes(lenient, 'after-fuzz');
  });

  it('closes 1009 on a frame above maxPayload', async () => {
    const c = await TestClient.connect(urlOf(strict));
    c.send('x'.repeat(MAX_PAYLOAD + 1));
    expect(await c.waitClosed()).toBe(1009);
  });
});

describe('limits', () => {
  it('rate-limits and closes 1008 on sustained abuse', async () => {
    const c = await TestClient.connect(urlOf(strict));
    for (let i = 0; i < 200 && c.ws.readyState === WebSocket.OPEN; i++) c.send({ op: 'ping', t: i });
    expect(await c.waitClosed()).toBe(1008);
    expect(c.of('error').some((e) => e.code === 'rate_limited')).toBe(true);
    expect(c.of('pong').length).toBeGreaterThan(0);
    expect(c.of('pong').length).toBeLessThan(200);
  });

  it('closes 1008 after repeated invalid messages', async () => {
    const c = await TestClient.connect(urlOf(strict));
    for (let i = 0; i < 8; i++) c.send('garbage');
    expect(await c.waitClosed()).toBe(1008);
    expect(c.of('error').filter((e) => e.code === 'bad_message').length).toBeGreaterThan(0);
  });

  it('limits subscriptions per connection', async () => {
    const c = await TestClient.connect(urlOf(strict));
    for (const id of ['a', 'b', 'c', 'd']) c.send({ op: 'subscribe', id });
    expect((await c.waitForOp('error', (e) => e.ref === 'd')).code).toBe('too_many_subscriptions');
    expect(c.of('subscribed').length).toBe(3);
    c.send({ op: 'unsubscribe', id: 'a' });
    await c.waitForOp('unsubscribed');
    c.send({ op: 'subscribe', id: 'e' });
    await c.waitForOp('subscribed', (f) => f.id === 'e');
    c.close();
  });

  it('refuses connections beyond maxConnections with 503', async () => {
    const clients: TestClient[] = [];
    let refused = 0;
    for (let i = 0; i < 25; i++) {
      try {
        clients.push(await TestClient.connect(urlOf(strict)));
      } catch (err) {
        expect(String(err)).toContain('503');
        refused++;
      }
    }
    expect(clients.length).toBeLessThanOrEqual(20);
    expect(refused).toBeGreaterThanOrEqual(5);
    for (const c of clients) c.close();
  });

  it('reaps a socket that stops answering pings', async () => {
    const c = await TestClient.connect(urlOf(strict));
    (c.ws as unknown as { _socket: Socket })._socket.pause(); // reads nothing, so answers no ping
    const connections = async () => ((await (await fetch(`http://127.0.0.1:${strict.port}/readyz`)).json()) as { connections: number }).connections;
    // Other tests' sockets close too; wait until none is left at all (this one included).
    await waitFor(async () => (await connections()) === 0, 'the unanswering socket to be reaped', { timeoutMs: 20_000, intervalMs: 100 });
    c.close();
  });
});
