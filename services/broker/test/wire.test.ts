/**
 * Wire-level behaviour over raw TCP: the ApiVersions table and its v3
 * fallback, pipelined responses in order behind a long-polling Fetch, acks=0,
 * idempotent dedupe, and bad input (unknown keys/versions, oversized and
 * truncated frames, CRC mismatches, unsupported codecs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { needsDevBroker, startKafka, type TestKafka } from '@newswire/test-support';
import { testKafka, uniq } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse, kafkajsRecordBatch, kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { fetchFrame, metadataFrame, produceFrame, requestFrame, withAttributes, withProducer } from './support/wire-frames.ts';

let kafka: TestKafka;
let admin: Admin;
let port: number;
const open = (): Promise<RawConnection> => RawConnection.open(port, kafka.brokers[0]!.split(':')[0]);

beforeAll(async () => {
  kafka = await startKafka();
  port = Number(kafka.brokers[0]!.split(':').pop());
  admin = testKafka(kafka.brokers).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await kafka?.stop();
});

async function topicWith1Partition(): Promise<string> {
  const topic = uniq('w');
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  return topic;
}

async function produce(conn: RawConnection, cid: number, topic: string, records: Buffer | null) {
  conn.send(produceFrame(cid, topic, 0, records));
  const res = await conn.next();
  expect(res.correlationId).toBe(cid);
  const decoded = (await kafkajsDecodeResponse('produce', 3, res.body)) as { topics: { partitions: { errorCode: number; baseOffset: string }[] }[] };
  return decoded.topics[0]!.partitions[0]!;
}

/** A broker that still works: a kafkajs admin call succeeds. */
async function expectStillServing(): Promise<void> {
  await expect(admin.listTopics()).resolves.toBeInstanceOf(Array);
}

/**
 * What the dev broker advertises: for every API it implements, Kafka 2.1.1's
 * minimum (measured on a real 2.1.1 broker: 0 for all of them) up to the
 * maximum of Kafka 4.2.
 */
const ADVERTISED = [
  { apiKey: 0, minVersion: 0, maxVersion: 13 },
  { apiKey: 1, minVersion: 0, maxVersion: 18 },
  { apiKey: 2, minVersion: 0, maxVersion: 11 },
  { apiKey: 3, minVersion: 0, maxVersion: 13 },
  { apiKey: 8, minVersion: 0, maxVersion: 10 },
  { apiKey: 9, minVersion: 0, maxVersion: 10 },
  { apiKey: 10, minVersion: 0, maxVersion: 6 },
  { apiKey: 11, minVersion: 0, maxVersion: 9 },
  { apiKey: 12, minVersion: 0, maxVersion: 4 },
  { apiKey: 13, minVersion: 0, maxVersion: 5 },
  { apiKey: 14, minVersion: 0, maxVersion: 5 },
  { apiKey: 15, minVersion: 0, maxVersion: 6 },
  { apiKey: 16, minVersion: 0, maxVersion: 5 },
  { apiKey: 18, minVersion: 0, maxVersion: 4 },
  { apiKey: 19, minVersion: 0, maxVersion: 7 },
  { apiKey: 20, minVersion: 0, maxVersion: 6 },
  { apiKey: 22, minVersion: 0, maxVersion: 5 },
];

/** An ApiVersions v3+ request: header v2 (empty tagged fields), compact client name and version, tags. */
function apiVersionsFlexibleFrame(version: number, correlationId: number): Buffer {
  const body = Buffer.from([0x05, 0x6b, 0x63, 0x61, 0x74, 0x04, 0x32, 0x2e, 0x30, 0x00]);
  return requestFrame(18, version, correlationId, Buffer.concat([Buffer.from([0x00]), body]));
}

describe('ApiVersions', () => {
  it.skipIf(needsDevBroker('its own ApiVersions ranges; real Kafka advertises its own'))('advertises every implemented version, v0 to v2 (kafkajs reads these)', async () => {
    const conn = await open();
    for (const v of [0, 1, 2]) {
      conn.send(await kafkajsRequestFrame('apiVersions', v, {}, 100 + v));
      const res = await conn.next();
      expect(res.correlationId).toBe(100 + v);
      const decoded = (await kafkajsDecodeResponse('apiVersions', v, res.body)) as { errorCode: number; apiVersions: unknown[] };
      expect(decoded.errorCode).toBe(0);
      expect(decoded.apiVersions).toEqual(ADVERTISED);
    }
    conn.destroy();
  });

  it.skipIf(needsDevBroker('its own ApiVersions ranges; real Kafka advertises its own'))('answers v3 and v4 (flexible, librdkafka\'s first request) with response header v0 and a compact body', async () => {
    const conn = await open();
    for (const v of [3, 4]) {
      conn.send(apiVersionsFlexibleFrame(v, 70 + v));
      const res = await conn.next();
      expect(res.correlationId).toBe(70 + v);
      // Header v0: the body starts right after the correlation id (no tagged-field byte).
      const b = res.body;
      expect(b.readInt16BE(0)).toBe(0);
      const n = b[2]! - 1; // compact array: count + 1 (one byte below 128)
      const keys = Array.from({ length: n }, (_, i) => ({
        apiKey: b.readInt16BE(3 + i * 7),
        minVersion: b.readInt16BE(5 + i * 7),
        maxVersion: b.readInt16BE(7 + i * 7),
        tags: b[9 + i * 7],
      }));
      expect(keys.map(({ tags: _t, ...k }) => k)).toEqual(ADVERTISED);
      expect(keys.every((k) => k.tags === 0)).toBe(true);
      const end = 3 + n * 7;
      expect(b.readInt32BE(end)).toBe(0); // throttle_time_ms
      expect(b.length).toBe(end + 5); // + the top-level tagged fields (none)
    }
    conn.destroy();
  });

  it('answers a version newer than it knows with error 35 in v0 format, naming its ApiVersions range, and keeps the connection', async () => {
    const conn = await open();
    conn.send(apiVersionsFlexibleFrame(9, 77));
    const res = await conn.next();
    expect(res.correlationId).toBe(77);
    // kafkajs's decoder throws on 35 (that is how it steps down), so read the v0 body by hand.
    expect(res.body.readInt16BE(0)).toBe(35);
    const n = res.body.readInt32BE(2);
    expect(res.body.length).toBe(6 + n * 6);
    const keys = Array.from({ length: n }, (_, i) => [res.body.readInt16BE(6 + i * 6), res.body.readInt16BE(10 + i * 6)]);
    expect(keys).toContainEqual([18, kafka.mode === 'dev-broker' ? 4 : keys.find((k) => k[0] === 18)![1]]);
    await expect(kafkajsDecodeResponse('apiVersions', 0, res.body)).rejects.toThrow(/version of API is not supported/);
    conn.send(await kafkajsRequestFrame('apiVersions', 0, {}, 78));
    expect((await conn.next()).correlationId).toBe(78);
    conn.destroy();
  });
});

describe('ordering and long-poll', () => {
  it('a long-polling Fetch holds later responses on its connection, and an append wakes it', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    // Fetch waits (up to 25 s) for data; Metadata behind it must not overtake it.
    conn.send(Buffer.concat([fetchFrame(1, topic, 0, 0, 25_000), metadataFrame(2, [topic])]));
    await new Promise((r) => setTimeout(r, 300));
    expect(conn.pendingResponses()).toBe(0);
    const producer = await open();
    const batch = await kafkajsRecordBatch({ messages: [{ key: 'k', value: 'wake up' }] });
    expect((await produce(producer, 9, topic, batch)).errorCode).toBe(0);
    const first = await conn.next();
    const second = await conn.next();
    expect([first.correlationId, second.correlationId]).toEqual([1, 2]);
    const fetched = (await kafkajsDecodeResponse('fetch', 4, first.body)) as {
      responses: { partitions: { errorCode: number; highWatermark: string; messages: { value: Buffer }[] }[] }[];
    };
    const p = fetched.responses[0]!.partitions[0]!;
    expect(p).toMatchObject({ errorCode: 0, highWatermark: '1' });
    expect(p.messages.map((m) => m.value.toString())).toEqual(['wake up']);
    conn.destroy();
    producer.destroy();
  });

  it('a failed acks=0 produce closes the connection after the responses before it', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    const batch = await kafkajsRecordBatch({ messages: [{ value: 'x' }] });
    const corrupt = Buffer.from(batch);
    corrupt[corrupt.length - 1]! ^= 0xff;
    conn.send(Buffer.concat([metadataFrame(60, [topic]), produceFrame(61, topic, 0, corrupt, 0), metadataFrame(62, [topic])]));
    expect((await conn.next()).correlationId).toBe(60);
    expect(await conn.closedWithin(20_000)).toBe(true);
    expect(conn.pendingResponses()).toBe(0);
    await expectStillServing();
  });

  it('acks=0 gets no response; the next request on the connection gets its own', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    const batch = await kafkajsRecordBatch({ messages: [{ value: 'fire and forget' }] });
    conn.send(produceFrame(50, topic, 0, batch, 0));
    conn.send(metadataFrame(51, [topic]));
    expect((await conn.next()).correlationId).toBe(51);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets[0]!.high).toBe('1');
    conn.destroy();
  });
});

describe('produce validation', () => {
  it('a retried idempotent batch is stored once and acknowledged with the original offset', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    conn.send(await kafkajsRequestFrame('initProducerId', 0, { transactionalId: null, transactionTimeout: 30000 }, 5));
    const init = (await kafkajsDecodeResponse('initProducerId', 0, (await conn.next()).body)) as { errorCode: number; producerId: string };
    expect(init.errorCode).toBe(0);
    const pid = Number(init.producerId);
    const plain = await kafkajsRecordBatch({ messages: [{ value: 'a' }, { value: 'b' }] });
    const first = withProducer(plain, pid, 0, 0);
    expect(await produce(conn, 6, topic, first)).toMatchObject({ errorCode: 0, baseOffset: '0' });
    expect(await produce(conn, 7, topic, withProducer(plain, pid, 0, 0))).toMatchObject({ errorCode: 0, baseOffset: '0' });
    expect(await produce(conn, 8, topic, withProducer(plain, pid, 0, 2))).toMatchObject({ errorCode: 0, baseOffset: '2' });
    expect((await admin.fetchTopicOffsets(topic))[0]!.high).toBe('4');
    // A new producer id each time.
    conn.send(await kafkajsRequestFrame('initProducerId', 0, { transactionalId: null, transactionTimeout: 30000 }, 9));
    const again = (await kafkajsDecodeResponse('initProducerId', 0, (await conn.next()).body)) as { producerId: string };
    expect(Number(again.producerId)).not.toBe(pid);
    conn.destroy();
  });

  it('CRC mismatch -> error 2; snappy/lz4/zstd -> error 76; nothing stored', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    const batch = await kafkajsRecordBatch({ messages: [{ value: 'payload that will be corrupted' }] });
    const corrupt = Buffer.from(batch);
    corrupt[corrupt.length - 3]! ^= 0xff;
    expect((await produce(conn, 1, topic, corrupt)).errorCode).toBe(2);
    for (const codec of [2, 3, 4]) expect((await produce(conn, 10 + codec, topic, withAttributes(batch, codec))).errorCode).toBe(76);
    expect((await produce(conn, 20, topic, Buffer.from([1, 2, 3]))).errorCode).not.toBe(0);
    expect((await admin.fetchTopicOffsets(topic))[0]!.high).toBe('0');
    conn.destroy();
  });

  it('fetch errors: offset out of range -> 1, unknown topic -> 3', async () => {
    const topic = await topicWith1Partition();
    const conn = await open();
    conn.send(fetchFrame(1, topic, 0, 99, 100));
    const oor = (await kafkajsDecodeResponse('fetch', 4, (await conn.next()).body)) as { responses: { partitions: { errorCode: number }[] }[] };
    expect(oor.responses[0]!.partitions[0]!.errorCode).toBe(1);
    conn.send(fetchFrame(2, uniq('missing'), 0, 0, 100));
    const unknown = (await kafkajsDecodeResponse('fetch', 4, (await conn.next()).body)) as { responses: { partitions: { errorCode: number }[] }[] };
    expect(unknown.responses[0]!.partitions[0]!.errorCode).toBe(3);
    conn.destroy();
  });

  it('Metadata: unknown names are 3 without auto-creation (valid or not, as Kafka), invalid ones 17 with it', async () => {
    const conn = await open();
    const name = uniq('noauto');
    conn.send(metadataFrame(3, [name, 'bad/name'], false));
    const meta = (await kafkajsDecodeResponse('metadata', 4, (await conn.next()).body)) as { topicMetadata: { topic: string; topicErrorCode: number }[] };
    expect(meta.topicMetadata.map((t) => [t.topic, t.topicErrorCode])).toEqual([[name, 3], ['bad/name', 3]]);
    expect(await admin.listTopics()).not.toContain(name);
    conn.send(metadataFrame(4, ['bad/name'], true));
    const auto = (await kafkajsDecodeResponse('metadata', 4, (await conn.next()).body)) as { topicMetadata: { topic: string; topicErrorCode: number }[] };
    expect(auto.topicMetadata.map((t) => [t.topic, t.topicErrorCode])).toEqual([['bad/name', 17]]);
    conn.destroy();
  });
});

describe('bad frames close only their own connection', () => {
  const cases: [string, () => Promise<Buffer>][] = [
    ['unknown api key', async () => requestFrame(57, 0, 1, Buffer.alloc(8))],
    ['unsupported version', async () => requestFrame(3, 99, 1, Buffer.alloc(8))],
    ['truncated body', async () => {
      const f = await kafkajsRequestFrame('metadata', 4, { topics: ['abc', 'def'] });
      const cut = f.subarray(0, f.length - 6);
      const out = Buffer.from(cut);
      out.writeInt32BE(out.length - 4, 0);
      return out;
    }],
    ['oversized frame', async () => {
      const b = Buffer.alloc(8);
      b.writeInt32BE(0x7fffffff, 0);
      return b;
    }],
    ['negative size', async () => Buffer.from([0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0])],
    ['garbage header', async () => Buffer.from([0, 0, 0, 3, 1, 2, 3])],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const bystander = await open();
      const conn = await open();
      conn.send(await make());
      expect(await conn.closedWithin(20_000)).toBe(true);
      bystander.send(await kafkajsRequestFrame('apiVersions', 2, {}, 33));
      expect((await bystander.next()).correlationId).toBe(33);
      bystander.destroy();
      await expectStillServing();
    });
  }
});

describe('broker-wide buffer budget', () => {
  it.skipIf(needsDevBroker('a second broker with a 100 KiB request-buffer budget; real Kafka has its own'))('closes the connection that would push undecoded bytes past the budget; others keep working', async () => {
    const small = await startKafka({ broker: { maxBufferedRequestBytes: 100 * 1024 } });
    try {
      const smallPort = Number(small.brokers[0]!.split(':').pop());
      // A partial frame: announces 1 MiB, sends 60 KiB.
      const partial = (): Buffer => {
        const b = Buffer.alloc(60 * 1024);
        b.writeInt32BE(1024 * 1024, 0);
        return b;
      };
      const a = await RawConnection.open(smallPort);
      a.send(partial());
      await new Promise((r) => setTimeout(r, 300));
      const b = await RawConnection.open(smallPort);
      b.send(partial());
      expect(await b.closedWithin(20_000)).toBe(true);
      expect(a.closed).toBe(false);
      a.destroy();
      await a.closedPromise;
      // A's bytes are released: a new connection may buffer again, and requests are served.
      const c = await RawConnection.open(smallPort);
      c.send(await kafkajsRequestFrame('apiVersions', 2, {}, 5));
      expect((await c.next()).correlationId).toBe(5);
      await new Promise((r) => setTimeout(r, 200));
      c.send(partial());
      expect(await c.closedWithin(1000)).toBe(false);
      c.destroy();
    } finally {
      await small.stop();
    }
  });
});
