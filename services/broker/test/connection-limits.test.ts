/**
 * Connection hygiene of the dev broker (issue 13, "dev broker limits"):
 * idle or half-sent connections must not lock out new clients nor hold
 * resources for Kafka's 10-minute idle timeout. Real TCP sockets and a real
 * kafkajs client against brokers started with small limits.
 *
 * These are the dev broker's own limits (real Kafka has other knobs), so the
 * brokers come from startBroker directly rather than startKafka().
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@newswire/config';
import { startBroker, type BrokerOptions, type RunningBroker } from '../src/index.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { fetchFrame } from './support/wire-frames.ts';
import { testKafka, uniq } from './support/kafkajs-client.ts';

const running: { broker: RunningBroker; dir: string; conns: RawConnection[] }[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) {
    for (const c of r.conns) c.destroy();
    await r.broker.stop();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

async function broker(opts: Partial<BrokerOptions>): Promise<{ broker: RunningBroker; open: () => Promise<RawConnection> }> {
  const dir = mkdtempSync(join(tmpdir(), 'broker-limits-'));
  const b = await startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, defaultPartitions: 1, logger: createLogger('limits-test', { level: 'silent' }), ...opts });
  const entry = { broker: b, dir, conns: [] as RawConnection[] };
  running.push(entry);
  const open = async () => {
    const c = await RawConnection.open(b.port);
    entry.conns.push(c);
    return c;
  };
  return { broker: b, open };
}

/** A connection that has completed one request (ApiVersions), as every Kafka client does first. */
async function established(open: () => Promise<RawConnection>): Promise<RawConnection> {
  const c = await open();
  c.send(await kafkajsRequestFrame('apiVersions', 0, {}, 1));
  await c.next();
  return c;
}

describe('incomplete frames', () => {
  it('a truncated frame (size says 100 bytes, 10 arrive) is dropped after incompleteFrameTimeoutMs, not held 10 minutes', async () => {
    const { open } = await broker({ incompleteFrameTimeoutMs: 300, firstRequestTimeoutMs: 600_000 });
    const c = await established(open);
    const partial = Buffer.alloc(14);
    partial.writeInt32BE(100, 0);
    c.send(partial);
    expect(await c.closedWithin(20_000)).toBe(true);
    // Others are unaffected.
    const other = await established(open);
    expect(other.closed).toBe(false);
  });

  it('a request trickling in byte by byte still completes while bytes keep coming within the bound', async () => {
    const { open } = await broker({ incompleteFrameTimeoutMs: 2_000, firstRequestTimeoutMs: 600_000 });
    const c = await open();
    const frame = await kafkajsRequestFrame('apiVersions', 0, {}, 9);
    // Send in two halves with a pause well inside the bound: the frame completes and is answered.
    c.send(frame.subarray(0, 7));
    await new Promise((r) => setTimeout(r, 100));
    c.send(frame.subarray(7));
    expect((await c.next()).correlationId).toBe(9);
  });
});

describe('connections that never send a request', () => {
  it('are closed after firstRequestTimeoutMs', async () => {
    const { open } = await broker({ firstRequestTimeoutMs: 300 });
    const silent = await open();
    expect(await silent.closedWithin(20_000)).toBe(true);
  });
});

describe('the connection limit', () => {
  it('1 more than maxConnections idle sockets: a new kafkajs client is still served, never-used sockets go first', async () => {
    const max = 40;
    const { broker: b, open } = await broker({ maxConnections: max, firstRequestTimeoutMs: 600_000 });
    const used = await Promise.all(Array.from({ length: max / 2 }, () => established(open)));
    const unused = await Promise.all(Array.from({ length: max / 2 }, () => open()));

    const client = testKafka([`127.0.0.1:${b.port}`], 'limits-test');
    const admin = client.admin();
    await admin.connect();
    const topic = uniq('limits');
    const producer = client.producer(); // auto-creates the topic (1 partition)
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'served' }] });
    const [p0] = await admin.fetchTopicOffsets(topic);
    expect(p0!.high).toBe('1');
    await producer.disconnect();
    await admin.disconnect();

    // Room was made by closing sockets that never sent a request, oldest first.
    expect(unused.filter((c) => c.closed).length).toBeGreaterThan(0);
    expect(used.filter((c) => c.closed)).toEqual([]);
  });

  it('a connection with a request in flight (a long-polling Fetch) is not evicted', async () => {
    const max = 10;
    const { broker: b, open } = await broker({ maxConnections: max, firstRequestTimeoutMs: 600_000 });
    const producer = testKafka([`127.0.0.1:${b.port}`], 'limits-test').producer();
    await producer.connect();
    const topic = uniq('poll');
    await producer.send({ topic, messages: [{ value: 'x' }] }); // auto-creates it
    await producer.disconnect();
    const polling = await established(open);
    polling.send(fetchFrame(5, topic, 0, 1, 20_000)); // at the high watermark: waits
    const idle = await Promise.all(Array.from({ length: max - 1 }, () => established(open)));
    // Every slot is taken; the newcomer evicts the least recently active idle connection.
    const newcomer = await established(open);
    expect(newcomer.closed).toBe(false);
    expect(polling.closed).toBe(false);
    expect(idle.filter((c) => c.closed).length).toBe(1);
    expect(idle[0]!.closed).toBe(true);
  });
});
