/**
 * Fetch reads record batches into pooled slabs that are reused once the
 * socket has sent them. These tests hold responses in a socket that is not
 * read (so they sit in the broker's write queue) while other connections
 * churn the pool, then check every byte that arrives is what was produced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Producer } from 'kafkajs';
import { startKafka, type TestKafka } from '@newswire/test-support';
import { testKafka, uniq } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse } from './support/kafkajs-wire.ts';
import { fetchFrame } from './support/wire-frames.ts';

const PARTITIONS = 12;
/** ~1.1 MB per partition: every Fetch (1 MiB per partition) fills a slab. */
const PER_PARTITION = 1100;

let kafka: TestKafka;
let admin: Admin;
let producer: Producer;
let port: number;
const open = (): Promise<RawConnection> => RawConnection.open(port, kafka.brokers[0]!.split(':')[0]);
const valueOf = (topic: string, partition: number, offset: number): string => `${topic}/${partition}/${offset}/`.padEnd(1000, 'v');

beforeAll(async () => {
  kafka = await startKafka();
  port = Number(kafka.brokers[0]!.split(':').pop());
  const client = testKafka(kafka.brokers);
  admin = client.admin();
  producer = client.producer();
  await Promise.all([admin.connect(), producer.connect()]);
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await kafka?.stop();
});

async function filledTopic(): Promise<string> {
  const topic = uniq('reuse');
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
  for (let p = 0; p < PARTITIONS; p++) {
    for (let i = 0; i < PER_PARTITION; i += 100) {
      const messages = Array.from({ length: Math.min(100, PER_PARTITION - i) }, (_, k) => ({ partition: p, value: valueOf(topic, p, i + k) }));
      await producer.send({ topic, acks: -1, messages });
    }
  }
  return topic;
}

interface FetchedPartition {
  errorCode: number;
  messages: { offset: string; value: Buffer }[];
}

async function fetched(body: Buffer): Promise<FetchedPartition> {
  const res = (await kafkajsDecodeResponse('fetch', 4, body)) as { responses: { partitions: FetchedPartition[] }[] };
  return res.responses[0]!.partitions[0]!;
}

/** Every message is the one produced at its offset, from offset 0 on, and there are plenty of them. */
function expectIntact(topic: string, partition: number, p: FetchedPartition): void {
  expect(p.errorCode).toBe(0);
  expect(p.messages.length).toBeGreaterThan(500);
  p.messages.forEach((m, i) => {
    expect(m.offset).toBe(String(i));
    if (m.value.toString() !== valueOf(topic, partition, i)) throw new Error(`${topic}-${partition} offset ${i} holds other bytes`);
  });
}

describe('pooled Fetch read buffers', () => {
  it('responses queued behind a slow reader keep their bytes while other fetches reuse the pool', async () => {
    const [held, churn] = [await filledTopic(), await filledTopic()];
    const slow = await open();
    slow.pause();
    // ~13 MB of responses: more than the kernel buffers take, so most wait in the broker's write queue.
    for (let p = 0; p < PARTITIONS; p++) slow.send(fetchFrame(p + 1, held, p, 0, 100));
    const fast = await open();
    for (let round = 0; round < 3; round++) {
      for (let p = 0; p < PARTITIONS; p++) {
        fast.send(fetchFrame(1000 + round * PARTITIONS + p, churn, p, 0, 100));
        expectIntact(churn, p, await fetched((await fast.next()).body));
      }
    }
    slow.resume();
    for (let p = 0; p < PARTITIONS; p++) {
      const r = await slow.next();
      expect(r.correlationId).toBe(p + 1);
      expectIntact(held, p, await fetched(r.body));
    }
    slow.destroy();
    fast.destroy();
  }, 120_000);

  it('a client that leaves with responses pending does not disturb the others', async () => {
    const topic = await filledTopic();
    for (let round = 0; round < 3; round++) {
      const leaver = await open();
      leaver.pause();
      for (let p = 0; p < PARTITIONS; p++) leaver.send(fetchFrame(p + 1, topic, p, 0, 100));
      const reader = await open();
      reader.send(fetchFrame(1, topic, round, 0, 100));
      leaver.destroy();
      expectIntact(topic, round, await fetched((await reader.next()).body));
      for (let p = 0; p < PARTITIONS; p++) {
        reader.send(fetchFrame(p + 2, topic, p, 0, 100));
        expectIntact(topic, p, await fetched((await reader.next()).body));
      }
      reader.destroy();
    }
  }, 120_000);
});
