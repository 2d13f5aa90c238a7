/**
 * A retention pass on demand: `enforceRetentionNow()` runs what the 60 s
 * timer (Kafka's log.retention.check.interval.ms) runs, so a test or a tool
 * that needs "retention has happened" asks for it instead of sleeping a
 * minute. Seen through a real client: the log start offset moves to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin, Producer } from 'kafkajs';
import { createLogger } from '@newswire/config';
import { startBroker, type RunningBroker } from '../src/index.ts';
import { testKafka } from './support/kafkajs-client.ts';

let dir: string;
let broker: RunningBroker;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'retention-now-'));
  broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, defaultPartitions: 1, retentionMs: 1, logger: createLogger('retention-test', { level: 'silent' }) });
  const client = testKafka([`127.0.0.1:${broker.port}`]);
  admin = client.admin();
  producer = client.producer();
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('enforceRetentionNow', () => {
  it('deletes what retention.ms has expired at once, and the log goes on from its end', async () => {
    await admin.createTopics({ topics: [{ topic: 'expiring', numPartitions: 1, replicationFactor: 1 }] });
    await producer.send({ topic: 'expiring', messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await new Promise((r) => setTimeout(r, 5)); // older than retention.ms (1 ms)
    expect(await admin.fetchTopicOffsets('expiring')).toMatchObject([{ partition: 0, low: '0', high: '10' }]);
    await broker.enforceRetentionNow();
    expect(await admin.fetchTopicOffsets('expiring')).toMatchObject([{ partition: 0, low: '10', high: '10' }]);
    await producer.send({ topic: 'expiring', messages: [{ key: 'k', value: 'after' }] });
    expect(await admin.fetchTopicOffsets('expiring')).toMatchObject([{ partition: 0, low: '10', high: '11' }]);
  });
});
