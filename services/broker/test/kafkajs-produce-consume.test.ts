/**
 * kafkajs conformance through real TCP: produce (plain, gzip, idempotent,
 * keys and headers, acks 0/1/-1), consume from the beginning, seek,
 * pause/resume. Runs against whatever startKafka() provides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Admin, type Kafka } from 'kafkajs';
import { waitFor, type TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, consumeN, KEEP_OLD_RECORDS, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';

let kafka: TestKafka;
let client: Kafka;
let admin: Admin;

beforeAll(async () => ({ kafka, client, admin } = await openKafkaWithAdmin()));
afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

async function createTopic(partitions = 1): Promise<string> {
  const topic = uniq('t');
  // Some tests produce records from 2023: KEEP_OLD_RECORDS keeps them through retention passes.
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: KEEP_OLD_RECORDS }], waitForLeaders: true });
  return topic;
}

describe('kafkajs produce and consume', () => {
  it('keys, values, headers and timestamps come back exactly, from the beginning', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    const sent = Array.from({ length: 25 }, (_, i) => ({
      key: i % 3 === 0 ? null : `key-${i}`,
      value: `value-${i}-${'x'.repeat(i * 7)}`,
      timestamp: String(1_700_000_000_000 + i * 1000),
      headers: { n: String(i), source: 'test', 'ünï': 'çødé' },
    }));
    await producer.send({ topic, acks: -1, messages: sent.slice(0, 10) });
    await producer.send({ topic, acks: 1, messages: sent.slice(10) });
    await producer.disconnect();
    // Records from 2023, older than the default 7-day retention: a retention pass (Kafka's runs every
    // 5 min, the dev broker's every minute) must not take them before they are read. Here it is run now.
    if (kafka.mode === 'dev-broker') kafka.enforceRetention();

    const consumer = client.consumer({ groupId: uniq('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await consumeN(consumer, sent.length);
    await consumer.disconnect();
    expect(got.map((g) => g.offset)).toEqual(sent.map((_, i) => String(i)));
    expect(got.map((g) => ({ key: g.key, value: g.value, timestamp: g.timestamp, headers: g.headers }))).toEqual(sent);
  });

  it('gzip batches round-trip', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    const values = Array.from({ length: 200 }, (_, i) => `gz-${i}-${'abc'.repeat(50)}`);
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
    await producer.disconnect();
    const consumer = client.consumer({ groupId: uniq('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await consumeN(consumer, values.length);
    await consumer.disconnect();
    expect(got.map((g) => g.value)).toEqual(values);
    expect(got.map((g) => g.key)).toEqual(values.map((_, i) => `k${i}`));
  });

  it('idempotent producer: every message stored once, in order, per partition', async () => {
    const topic = await createTopic(3);
    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const messages = Array.from({ length: 90 }, (_, i) => ({ key: `k${i % 9}`, value: `m${i}` }));
    for (let i = 0; i < messages.length; i += 10) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 10) });
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((s, o) => s + Number(o.high), 0)).toBe(90);
    const consumer = client.consumer({ groupId: uniq('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await consumeN(consumer, 90);
    await consumer.disconnect();
    expect(got.map((g) => g.value).sort()).toEqual(messages.map((m) => m.value).sort());
    // Same key -> same partition, and within a partition the send order holds.
    for (const p of [0, 1, 2]) {
      const inPartition = got.filter((g) => g.partition === p).map((g) => Number(g.value!.slice(1)));
      expect(inPartition).toEqual([...inPartition].sort((a, b) => a - b));
    }
  });

  it('a batch bigger than the consumer\'s per-partition fetch size is still delivered whole', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    // Under Kafka's default message.max.bytes (1 MB), far over the consumer's 64 KiB per partition.
    const big = 'B'.repeat(900 * 1024);
    await producer.send({ topic, messages: [{ value: 'before' }] });
    await producer.send({ topic, messages: [{ key: 'big', value: big }] });
    await producer.send({ topic, messages: [{ value: 'after' }] });
    await producer.disconnect();
    const consumer = client.consumer({ groupId: uniq('g'), maxBytesPerPartition: 64 * 1024, maxBytes: 128 * 1024 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await consumeN(consumer, 3);
    await consumer.disconnect();
    expect(got.map((g) => g.value?.length)).toEqual([6, big.length, 5]);
    expect(got[1]!.value).toBe(big);
  });

  it('a batch over message.max.bytes (Kafka\'s default, 1 MB) is refused with error 10 and nothing is stored', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    await expect(producer.send({ topic, messages: [{ value: 'x'.repeat(1024 * 1024 + 100) }] })).rejects.toMatchObject({
      type: 'MESSAGE_TOO_LARGE',
    });
    await producer.send({ topic, messages: [{ value: 'small' }] });
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.map((o) => [o.low, o.high])).toEqual([['0', '1']]);
  });

  it('acks=0 messages are stored and later responses on the connection stay in order', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    for (let i = 0; i < 5; i++) await producer.send({ topic, acks: 0, messages: [{ value: `fire-${i}` }] });
    const [res] = await producer.send({ topic, acks: 1, messages: [{ value: 'acked' }] });
    await producer.disconnect();
    expect(res).toMatchObject({ errorCode: 0, baseOffset: '5' });
  });

  it('producing to an unknown topic auto-creates it with the default partition count', async () => {
    const topic = uniq('auto');
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'first' }] });
    await producer.disconnect();
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0]!.partitions).toHaveLength(kafka.mode === 'dev-broker' ? 3 : meta.topics[0]!.partitions.length);
  });

  it('seek moves a running consumer to an offset', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `s${i}` })) });
    await producer.disconnect();
    const consumer = client.consumer({ groupId: uniq('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seeked = false;
    const got = await consumeN(consumer, 25, {
      onMessage: (r) => {
        if (!seeked && r.value === 's19') {
          seeked = true;
          consumer.seek({ topic, partition: 0, offset: '15' });
        }
      },
    });
    await consumer.disconnect();
    expect(got.slice(20).map((g) => g.value)).toEqual(['s15', 's16', 's17', 's18', 's19']);
  });

  it('pause stops delivery for a topic and resume restarts it where it left off', async () => {
    const topic = await createTopic(1);
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'p0' }, { value: 'p1' }] });
    const consumer = client.consumer({ groupId: uniq('g'), maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: string[] = [];
    let pausedAt = -1;
    await consumer.run({
      eachMessage: async ({ message }) => {
        got.push(message.value!.toString());
        if (got.length === 2) {
          consumer.pause([{ topic }]);
          pausedAt = got.length;
        }
      },
    });
    await waitFor(() => got.length === 2, 'first two messages');
    expect(consumer.paused()).toEqual([{ topic, partitions: [0] }]);
    await producer.send({ topic, messages: [{ value: 'p2' }, { value: 'p3' }] });
    // While paused, the new messages are visible in the log but not delivered.
    await waitFor(async () => (await admin.fetchTopicOffsets(topic))[0]!.high === '4', 'high watermark 4');
    await new Promise((r) => setTimeout(r, 1000));
    expect(got).toHaveLength(pausedAt);
    consumer.resume([{ topic }]);
    await waitFor(() => got.length === 4, 'messages after resume');
    expect(got).toEqual(['p0', 'p1', 'p2', 'p3']);
    await consumer.disconnect();
    await producer.disconnect();
  });

  it('a consumer that gets too little says how far it got (the helper other tests wait with)', async () => {
    const topic = await createTopic(1);
    const consumer = client.consumer({ groupId: uniq('g'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    try {
      await expect(consumeN(consumer, 1, { timeoutMs: 6000 })).rejects.toThrow(/^timed out with 0\/1 messages \(group joined \d+ time\(s\), \d+ fetch\(es\) made, last crash restarted from: none\)$/);
    } finally {
      await consumer.disconnect();
    }
  });
});
