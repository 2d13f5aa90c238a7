/**
 * librdkafka interop: kcat -L, -P, -C -o beginning, -C -o s@<ts>, -C -G.
 * What kafkajs writes kcat reads, and what kcat writes kafkajs reads, with
 * keys, values, headers and timestamps equal byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Admin, type Kafka } from 'kafkajs';
import type { TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, consumeN, KEEP_OLD_RECORDS, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';
import { headerObject, kcat, kcatAvailable, parseJsonLines } from './support/kcat.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { readFetchV4 } from './support/wire-frames.ts';

let kafka: TestKafka;
let client: Kafka;
let admin: Admin;
let broker: string;

describe.skipIf(!kcatAvailable)('kcat (librdkafka) interop', () => {
  beforeAll(async () => {
    ({ kafka, client, admin } = await openKafkaWithAdmin());
    broker = kafka.brokers[0]!;
  });
  afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

  it('kcat -L lists the broker as bootstrapped and the topics with partitions', async () => {
    const topic = uniq('meta');
    await admin.createTopics({ topics: [{ topic, numPartitions: 4, replicationFactor: 1 }], waitForLeaders: true });
    const res = await kcat(['-b', broker, '-L', '-J']);
    expect(res.code).toBe(0);
    const meta = JSON.parse(res.stdout) as { brokers: { id: number; name: string }[]; topics: { topic: string; partitions: { partition: number; leader: number }[] }[] };
    // Advertised exactly as bootstrapped: the same host:port, node 0.
    expect(meta.brokers).toEqual([{ id: 0, name: broker }]);
    const t = meta.topics.find((x) => x.topic === topic);
    expect(t?.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2, 3]);
  });

  it('what kafkajs writes, kcat -C -o beginning reads byte for byte', async () => {
    const topic = uniq('k2c');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: KEEP_OLD_RECORDS }], waitForLeaders: true });
    const base = 1_700_000_123_000;
    const sent = Array.from({ length: 12 }, (_, i) => ({
      key: i % 4 === 0 ? null : `key-${i}-ü`,
      value: `value ${i} "quoted" ∑ ${'z'.repeat(i * 11)}`,
      timestamp: String(base + i * 37),
      headers: { trace: `t-${i}`, 'x-ñ': 'ß' },
    }));
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: sent.slice(0, 5) });
    await producer.send({ topic, messages: sent.slice(5) });
    await producer.disconnect();
    const res = await kcat(['-b', broker, '-C', '-t', topic, '-o', 'beginning', '-e', '-J']);
    expect(res.code).toBe(0);
    const got = parseJsonLines(res.stdout);
    expect(got.map((m) => ({ offset: m.offset, key: m.key, value: m.payload, timestamp: String(m.ts), headers: headerObject(m.headers) }))).toEqual(
      sent.map((s, i) => ({ offset: i, key: s.key, value: s.value, timestamp: s.timestamp, headers: s.headers })),
    );
    expect(got.every((m) => m.tstype === 'create')).toBe(true);
  });

  it('kcat -P -z gzip stores gzip batches (librdkafka < 2.11.1 compresses only for a broker whose Produce range starts at 0)', async () => {
    const topic = uniq('kcatgz');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const res = await kcat(['-b', broker, '-P', '-t', topic, '-z', 'gzip', '-X', 'linger.ms=50'], { input: Array.from({ length: 20 }, (_, i) => `gzip me ${i} ${'x'.repeat(100)}`).join('\n') + '\n' });
    expect(res.code).toBe(0);
    const conn = await RawConnection.open(Number(broker.split(':').pop()), broker.split(':')[0]);
    conn.send(await kafkajsRequestFrame('fetch', 4, { replicaId: -1, maxWaitTime: 0, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic, partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }] }, 3));
    const [p0] = readFetchV4((await conn.next()).body);
    conn.destroy();
    expect(p0!.batches.length).toBeGreaterThan(0);
    expect(p0!.batches.map((b) => b.attributes & 0x7)).toEqual(p0!.batches.map(() => 1));
  });

  it('what kcat -P writes, kafkajs reads byte for byte', async () => {
    const topic = uniq('c2k');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const lines = Array.from({ length: 10 }, (_, i) => `key${i}\tpayload ${i} ∂ ${'q'.repeat(i * 13)}`);
    const plain = await kcat(['-b', broker, '-P', '-t', topic, '-p', '0', '-K', '\t', '-H', 'src=kcat', '-H', 'n=1'], { input: lines.join('\n') + '\n' });
    expect(plain.code, plain.stderr).toBe(0);
    // librdkafka 2.0 silently sends uncompressed when Produce's minimum is 3 (see docs/broker.md);
    // -z gzip must still work end to end.
    const gz = await kcat(['-b', broker, '-P', '-t', topic, '-p', '0', '-K', '\t', '-z', 'gzip'], { input: lines.join('\n') + '\n' });
    expect(gz.code, gz.stderr).toBe(0);

    const viaKcat = parseJsonLines((await kcat(['-b', broker, '-C', '-t', topic, '-o', 'beginning', '-e', '-J'])).stdout);
    expect(viaKcat).toHaveLength(20);
    const consumer = client.consumer({ groupId: uniq('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const viaKafkajs = await consumeN(consumer, 20);
    await consumer.disconnect();
    const expected = [...lines, ...lines].map((l) => ({ key: l.split('\t')[0], value: l.split('\t')[1] }));
    expect(viaKafkajs.map((m) => ({ key: m.key, value: m.value }))).toEqual(expected);
    // Both clients agree on every field, timestamps and headers included.
    expect(viaKafkajs.map((m) => ({ offset: Number(m.offset), key: m.key, value: m.value, ts: Number(m.timestamp), headers: m.headers }))).toEqual(
      viaKcat.map((m) => ({ offset: m.offset, key: m.key, value: m.payload, ts: m.ts, headers: headerObject(m.headers) })),
    );
    expect(viaKafkajs[0]!.headers).toEqual({ src: 'kcat', n: '1' });
  });

  it('kcat idempotent producer (InitProducerId + sequences) stores every message once', async () => {
    const topic = uniq('idem');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const input = Array.from({ length: 40 }, (_, i) => `line-${i}`).join('\n') + '\n';
    const res = await kcat(['-b', broker, '-P', '-t', topic, '-p', '0', '-X', 'enable.idempotence=true', '-X', 'acks=all'], { input });
    expect(res.code, res.stderr).toBe(0);
    const read = parseJsonLines((await kcat(['-b', broker, '-C', '-t', topic, '-o', 'beginning', '-e', '-J'])).stdout);
    expect(read.map((m) => m.payload)).toEqual(Array.from({ length: 40 }, (_, i) => `line-${i}`));
  });

  it('kcat reads gzip batches written by kafkajs', async () => {
    const topic = uniq('gz');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = client.producer();
    await producer.connect();
    const values = Array.from({ length: 50 }, (_, i) => `gzip-${i}-${'w'.repeat(100)}`);
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages: values.map((value, i) => ({ key: `k${i}`, value, headers: { i: String(i) } })) });
    await producer.disconnect();
    const res = await kcat(['-b', broker, '-C', '-t', topic, '-o', 'beginning', '-e', '-J']);
    expect(res.code).toBe(0);
    const got = parseJsonLines(res.stdout);
    expect(got.map((m) => [m.offset, m.key, m.payload, headerObject(m.headers).i])).toEqual(values.map((v, i) => [i, `k${i}`, v, String(i)]));
  });

  it('kcat -C -o s@<ts> starts at the first message at or after the timestamp', async () => {
    const topic = uniq('ts');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: KEEP_OLD_RECORDS }], waitForLeaders: true });
    const base = 1_700_000_500_000;
    const producer = client.producer();
    await producer.connect();
    for (let i = 0; i < 6; i++) await producer.send({ topic, messages: [{ value: `m${i}`, timestamp: String(base + i * 1000) }] });
    await producer.disconnect();
    const res = await kcat(['-b', broker, '-C', '-t', topic, '-o', `s@${base + 3500}`, '-e', '-J']);
    expect(res.code).toBe(0);
    expect(parseJsonLines(res.stdout).map((m) => m.payload)).toEqual(['m4', 'm5']);
    const exact = await kcat(['-b', broker, '-C', '-t', topic, '-o', `s@${base + 2000}`, '-e', '-J']);
    expect(parseJsonLines(exact.stdout).map((m) => m.payload)).toEqual(['m2', 'm3', 'm4', 'm5']);
  });

  it('kcat -C -G joins a group, reads everything and commits what kafkajs then sees', async () => {
    const topic = uniq('grp');
    const groupId = uniq('kcat-group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `g${i}` })) });
    await producer.disconnect();
    const res = await kcat(['-b', broker, '-C', '-G', groupId, '-o', 'beginning', '-e', '-J', '-X', 'enable.auto.commit=true', topic], { timeoutMs: 60_000 });
    expect(res.code, res.stderr).toBe(0);
    expect(parseJsonLines(res.stdout).map((m) => m.payload).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `g${i}`).sort());
    const ends = await admin.fetchTopicOffsets(topic);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual(ends.map((e) => [e.partition, e.high]).sort());
  });
});
