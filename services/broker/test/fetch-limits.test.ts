/**
 * How much a Fetch response carries, as Kafka bounds it (KIP-74): at most
 * the request's max_bytes and the broker's fetch.max.bytes for the whole
 * response, at most each partition's max_bytes, and yet at least one whole
 * batch (from the first partition with data) so a batch bigger than the
 * limits never stalls a consumer. A Fetch asking for 2 GB must not get a
 * whole partition, and many at once share one broker-wide budget of unsent
 * response bytes. Raw Fetch v4 over real TCP, with small limits configured so
 * the test stores megabytes, not gigabytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsDevBroker, startKafka, type TestKafka } from '@newswire/test-support';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsRecordBatch, kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { produceFrame, readFetchV4 } from './support/wire-frames.ts';
import { testKafka, uniq } from './support/kafkajs-client.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const FETCH_MAX = 2 * MiB;
const IN_FLIGHT = 4 * MiB;
const TWO_GB = 2 ** 31 - 1;

let kafka: TestKafka;
let port: number;
let batch64k: Buffer;
let topic: string;

beforeAll(async () => {
  kafka = await startKafka({ broker: { fetchMaxBytes: FETCH_MAX, maxFetchBytesInFlight: IN_FLIGHT } });
  port = Number(kafka.brokers[0]!.split(':').pop());
  const admin = testKafka(kafka.brokers).admin();
  await admin.connect();
  topic = uniq('limits');
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  // Partition 0: 8 MiB in 64 KiB batches. Partition 1: one 500 KiB batch, then small ones.
  batch64k = await kafkajsRecordBatch({ messages: Array.from({ length: 64 }, (_, i) => ({ value: String(i % 10).repeat(1000) })) });
  const big = await kafkajsRecordBatch({ messages: [{ value: 'B'.repeat(500 * KiB) }] });
  const small = await kafkajsRecordBatch({ messages: [{ value: 'small' }] });
  const conn = await RawConnection.open(port);
  let cid = 1;
  const produce = async (partition: number, b: Buffer): Promise<void> => {
    conn.send(produceFrame(cid++, topic, partition, b));
    await conn.next();
  };
  for (let i = 0; i < 128; i++) await produce(0, batch64k);
  await produce(1, big);
  for (let i = 0; i < 3; i++) await produce(1, small);
  conn.destroy();
}, 120_000);

afterAll(async () => {
  await kafka?.stop();
});

interface PartitionAnswer {
  partition: number;
  errorCode: number;
  /** Sizes of the whole record batches returned, in order. */
  batches: number[];
  bytes: number;
}

function readAnswers(body: Buffer): PartitionAnswer[] {
  return readFetchV4(body).map((p) => ({ partition: p.partition, errorCode: p.errorCode, batches: p.batches.map((b) => b.size), bytes: p.records.length }));
}

function fetchFrame(cid: number, maxBytes: number, partitions: { partition: number; offset: number; maxBytes: number }[]): Promise<Buffer> {
  return kafkajsRequestFrame('fetch', 4, {
    replicaId: -1,
    maxWaitTime: 0,
    minBytes: 1,
    maxBytes,
    isolationLevel: 0,
    topics: [{ topic, partitions: partitions.map((p) => ({ partition: p.partition, fetchOffset: String(p.offset), maxBytes: p.maxBytes })) }],
  }, cid);
}

async function fetchOnce(maxBytes: number, partitions: { partition: number; offset: number; maxBytes: number }[]): Promise<PartitionAnswer[]> {
  const conn = await RawConnection.open(port);
  try {
    conn.send(await fetchFrame(7, maxBytes, partitions));
    return readAnswers((await conn.next()).body);
  } finally {
    conn.destroy();
  }
}

describe('Fetch response bounds', () => {
  it.skipIf(needsDevBroker('fetch.max.bytes of 2 MiB, set per test'))('a Fetch asking for 2 GB gets fetch.max.bytes of whole batches, not the partition', async () => {
    const [p0] = await fetchOnce(TWO_GB, [{ partition: 0, offset: 0, maxBytes: TWO_GB }]);
    expect(p0!.errorCode).toBe(0);
    expect(p0!.bytes).toBeLessThanOrEqual(FETCH_MAX);
    expect(p0!.bytes).toBeGreaterThan(FETCH_MAX - batch64k.length); // as much as fits
    expect(new Set(p0!.batches)).toEqual(new Set([batch64k.length]));
  });

  it('the request max_bytes and each partition max_bytes are honoured', async () => {
    const [byRequest] = await fetchOnce(300 * KiB, [{ partition: 0, offset: 0, maxBytes: TWO_GB }]);
    expect(byRequest!.bytes).toBeLessThanOrEqual(300 * KiB);
    expect(byRequest!.batches.length).toBe(Math.floor((300 * KiB) / batch64k.length));
    const [byPartition] = await fetchOnce(TWO_GB, [{ partition: 0, offset: 0, maxBytes: 200 * KiB }]);
    expect(byPartition!.batches.length).toBe(Math.floor((200 * KiB) / batch64k.length));
  });

  it('at least one whole batch, from the first partition with data, even when it is bigger than every limit', async () => {
    // Partition 1 starts with a 500 KiB batch: asked for 1 KiB, it still comes whole.
    const [first] = await fetchOnce(KiB, [{ partition: 1, offset: 0, maxBytes: KiB }]);
    expect(first!.batches).toHaveLength(1);
    expect(first!.bytes).toBeGreaterThan(500 * KiB);
    // Behind a partition that already returned data, a batch that does not fit is left for the next Fetch.
    const [p0, p1] = await fetchOnce(TWO_GB, [
      { partition: 0, offset: 0, maxBytes: 100 * KiB },
      { partition: 1, offset: 0, maxBytes: 100 * KiB },
    ]);
    expect(p0!.batches).toHaveLength(1);
    expect(p1!.bytes).toBe(0);
    expect(p1!.errorCode).toBe(0);
  });

  it.skipIf(needsDevBroker('a broker-wide Fetch budget of 4 MiB, set per test'))('16 Fetches asking 2 GB at once share the broker-wide budget: one batch each once it is spent', async () => {
    const conn = await RawConnection.open(port);
    const frames = await Promise.all(Array.from({ length: 16 }, (_, i) => fetchFrame(100 + i, TWO_GB, [{ partition: 0, offset: 0, maxBytes: TWO_GB }])));
    // Pipelined on one connection: all sixteen are read before the first answer is sent.
    conn.send(Buffer.concat(frames));
    const answers: PartitionAnswer[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await conn.next();
      expect(res.correlationId).toBe(100 + i);
      answers.push(readAnswers(res.body)[0]!);
    }
    conn.destroy();
    const total = answers.reduce((sum, a) => sum + a.bytes, 0);
    expect(answers.every((a) => a.errorCode === 0 && a.batches.length >= 1 && a.bytes <= FETCH_MAX)).toBe(true);
    // Without the budget this would be 16 x 2 MiB = 32 MiB held at once.
    expect(total).toBeLessThanOrEqual(IN_FLIGHT + 16 * batch64k.length);
    expect(answers.slice(2).every((a) => a.batches.length === 1)).toBe(true);
    // Once sent, the bytes are free again: a new 2 GB Fetch gets a full answer.
    const [again] = await fetchOnce(TWO_GB, [{ partition: 0, offset: 0, maxBytes: TWO_GB }]);
    expect(again!.bytes).toBeGreaterThan(FETCH_MAX - batch64k.length);
  });
});
