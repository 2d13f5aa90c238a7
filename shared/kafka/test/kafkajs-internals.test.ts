/**
 * Canary for the kafkajs internals the adapter uses (src/kafkajs/internals.ts):
 * if kafkajs is ever upgraded or its internals change, this file fails first
 * and names what moved. The "one record batch per partition per request"
 * behaviour the sender's offsets rely on is checked by port.test.ts, which
 * reads every record back at the offset send() returned.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { createInternalCluster, KAFKAJS_VERSION, offsetOutOfRange, READ_COMMITTED, visibleRecords, type FetchPartitionResponse } from '../src/kafkajs/internals.ts';
import { startKafka, type TestKafka } from '@newswire/test-support';

const require = createRequire(import.meta.url);
const pkg = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version?: string; dependencies?: Record<string, string> };

describe('the pinned kafkajs', () => {
  it('is the exact version the internals were written against, pinned without a range', () => {
    expect(pkg(require.resolve('kafkajs/package.json')).version).toBe(KAFKAJS_VERSION);
    for (const manifest of [join(import.meta.dirname, '..', 'package.json'), join(import.meta.dirname, '..', '..', '..', 'package.json')]) {
      const wanted = pkg(manifest).dependencies?.kafkajs;
      if (wanted !== undefined) expect(wanted, manifest).toBe(KAFKAJS_VERSION);
    }
  });

  it('filters a fetched partition as its consumer does: below the fetch offset, control records, aborted transactions', () => {
    const rec = (offset: number, extra: object = {}) => ({ offset: String(offset), timestamp: '1', key: null, value: Buffer.from(`v${offset}`), headers: {}, ...extra });
    const data: FetchPartitionResponse = {
      partition: 0,
      errorCode: 0,
      highWatermark: '9',
      abortedTransactions: [],
      messages: [rec(3), rec(4), rec(5, { isControlRecord: true }), rec(6)],
    };
    const { records, lastOffset } = visibleRecords('t', 4n, data);
    expect(records.map((r) => r.offset)).toEqual(['4', '6']);
    expect(lastOffset).toBe(6n);
    expect(visibleRecords('t', 7n, data)).toEqual({ records: [], lastOffset: null });
  });
});

describe('the internal cluster and broker fetch', () => {
  let kafka: TestKafka;
  let client: Kafka;
  beforeAll(async () => {
    kafka = await startKafka();
    client = new Kafka({ brokers: kafka.brokers, clientId: 'canary', logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await kafka?.stop();
  });

  it('creates a cluster from the client, learns leaders, fetches records, and names out-of-range partitions', async () => {
    const topic = `${kafka.prefix}.canary`;
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = client.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();

    const cluster = createInternalCluster(client, { metadataMaxAge: 10_000 });
    for (const m of ['connect', 'disconnect', 'addMultipleTargetTopics', 'refreshMetadata', 'findTopicPartitionMetadata', 'findBroker'] as const) {
      expect(typeof cluster[m], `Cluster.${m}`).toBe('function');
    }
    await cluster.connect();
    try {
      await cluster.addMultipleTargetTopics([topic]);
      await cluster.refreshMetadata();
      const [p0] = cluster.findTopicPartitionMetadata(topic);
      expect(p0).toMatchObject({ partitionId: 0, partitionErrorCode: 0 });
      const broker = await cluster.findBroker({ nodeId: String(p0!.leader) });
      const fetch = (fetchOffset: bigint) =>
        broker.fetch({ isolationLevel: READ_COMMITTED, maxWaitTime: 100, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic, partitions: [{ partition: 0, fetchOffset: fetchOffset.toString(), maxBytes: 1 << 20 }] }] });
      const res = await fetch(1n);
      const part = res.responses.find((r) => r.topicName === topic)!.partitions[0]!;
      expect(part).toMatchObject({ partition: 0, errorCode: 0, highWatermark: '3' });
      expect(visibleRecords(topic, 1n, part).records.map((r) => r.value!.toString())).toEqual(['b', 'c']);
      const err = await fetch(100n).catch((e: unknown) => e);
      expect(offsetOutOfRange(err)).toEqual({ topic, partition: 0 });
    } finally {
      await cluster.disconnect();
    }
  });
});
