/**
 * A retention pass on demand: `enforceRetentionNow()` runs what the 60 s
 * timer (Kafka's log.retention.check.interval.ms) runs, so a test or a tool
 * that needs "retention has happened" asks for it instead of sleeping a
 * minute. Seen through a real client: the log start offset moves to the end.
 * A topic's own retention.ms and retention.bytes (CreateTopics configs) win
 * over the broker's, as in Kafka, and survive a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTopicConfigs, readTopicConfig, writeTopicConfig } from '../src/storage/topic-config.ts';
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

  it('a topic’s retention.ms -1 keeps records the broker’s retention.ms would delete (records from 2023 included)', async () => {
    await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] }] });
    await producer.send({ topic: 'kept', messages: Array.from({ length: 5 }, (_, i) => ({ value: `v${i}`, timestamp: String(1_700_000_000_000 + i) })) });
    await new Promise((r) => setTimeout(r, 5));
    await broker.enforceRetentionNow();
    expect(await admin.fetchTopicOffsets('kept')).toMatchObject([{ partition: 0, low: '0', high: '5' }]);
  });

  it('a topic’s retention.bytes deletes its oldest segments, never the active one', async () => {
    const configEntries = [
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '2000' },
      { name: 'segment.bytes', value: '1024' },
    ];
    await admin.createTopics({ topics: [{ topic: 'by-size', numPartitions: 1, replicationFactor: 1, configEntries }] });
    for (let i = 0; i < 20; i++) await producer.send({ topic: 'by-size', messages: [{ value: `v${i}-${'x'.repeat(300)}` }] });
    await broker.enforceRetentionNow();
    const [p] = await admin.fetchTopicOffsets('by-size');
    expect(Number(p!.low)).toBeGreaterThan(0);
    expect(Number(p!.high)).toBe(20);
    expect(Number(p!.high) - Number(p!.low)).toBeGreaterThanOrEqual(4); // what is left still holds at least 2000 bytes
  });

  it('refuses a retention config that is not a number of at least -1 (INVALID_CONFIG)', async () => {
    for (const [name, value] of [['retention.ms', 'soon'], ['retention.bytes', '-2']] as const) {
      const refused = await admin.createTopics({ topics: [{ topic: `bad-${name.replace('.', '-')}`, numPartitions: 1, replicationFactor: 1, configEntries: [{ name, value }] }] }).then(
        () => null,
        (err: { errors?: { type?: string }[] }) => err,
      );
      expect(refused?.errors?.map((e) => e.type)).toEqual(['INVALID_CONFIG']);
    }
  });

  it('reads a topic’s retention configs, naming a bad value, and keeps them in its partition directory for a restart', () => {
    const parsed = parseTopicConfigs([{ name: 'retention.ms', value: '-1' }, { name: 'retention.bytes', value: '1048576' }]);
    expect(parsed).toEqual({ ok: true, config: { cleanupPolicy: { delete: true, compact: false }, retentionMs: -1, retentionBytes: 1_048_576 } });
    expect(parseTopicConfigs([{ name: 'retention.ms', value: 'soon' }])).toEqual({ ok: false, message: 'Invalid value soon for configuration retention.ms: must be an integer.' });
    expect(parseTopicConfigs([{ name: 'retention.bytes', value: '-2' }])).toEqual({ ok: false, message: 'Invalid value -2 for configuration retention.bytes: must be an integer >= -1.' });
    if (!parsed.ok) return;
    const partitionDir = mkdtempSync(join(tmpdir(), 'topic-config-'));
    try {
      writeTopicConfig(partitionDir, parsed.config);
      expect(readTopicConfig(partitionDir)).toEqual(parsed.config);
    } finally {
      rmSync(partitionDir, { recursive: true, force: true });
    }
  });
});
