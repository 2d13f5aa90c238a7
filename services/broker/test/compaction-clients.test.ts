/**
 * Log compaction seen by real clients: a topic created by kafkajs with
 * cleanup.policy=compact and small segments, many versions of a few keys,
 * one cleaner pass (compactNow, not a sleep), then read back from offset 0
 * by kafkajs and by kcat (librdkafka): the latest record of each key in the
 * cleaned segments with its original offset, everything in the active
 * segment, and a fetch at a compacted-away offset starting at the next
 * survivor. A topic without compact is left as it was. The broker runs in
 * this process (the pass is triggered in-process), on a free port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { waitFor } from '@newswire/test-support/wait';
import { createLogger } from '@newswire/config';
import { startBroker, type RunningBroker } from '../src/index.ts';
import { consumeN, testKafka, uniq } from './support/kafkajs-client.ts';
import { kcat, kcatAvailable, parseJsonLines } from './support/kcat.ts';

let dir: string;
let broker: RunningBroker;
let client: Kafka;
let admin: Admin;
let producer: Producer;
let bootstrap: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compaction-clients-'));
  broker = await startBroker({
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    defaultPartitions: 1,
    segmentBytes: 1024,
    groupInitialRebalanceDelayMs: 0,
    logger: createLogger('compaction-test', { level: 'silent' }),
  });
  bootstrap = `127.0.0.1:${broker.port}`;
  client = testKafka([bootstrap]);
  admin = client.admin();
  await admin.connect();
  producer = client.producer({ allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Rec = { offset: number; key: string; value: string };

async function createTopic(compact: boolean): Promise<string> {
  const topic = uniq(compact ? 'compacted' : 'plain');
  const configEntries = compact ? [{ name: 'cleanup.policy', value: 'compact' }] : [];
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries }], waitForLeaders: true });
  return topic;
}

/**
 * 100 records over 4 keys, 3 records per send (one batch each). Keys come
 * at uneven rates, so the latest ones below the active segment lie apart:
 * cleaned batches keep some of their records, whole batches go, and
 * survivors have gaps between them. 1 KiB segments roll every few sends.
 */
async function produceVersions(topic: string): Promise<Rec[]> {
  const sent: Rec[] = [];
  for (let i = 0; i < 100; i += 3) {
    const messages = Array.from({ length: Math.min(3, 100 - i) }, (_, j) => ({ key: keyOf(i + j), value: `${keyOf(i + j)} #${i + j} ${'s'.repeat(80)}` }));
    const [res] = await producer.send({ topic, acks: -1, messages });
    const base = Number(res!.baseOffset);
    messages.forEach((m, j) => sent.push({ offset: base + j, key: m.key, value: m.value }));
  }
  return sent;
}

function keyOf(i: number): string {
  if (i % 29 === 7) return 'story-3';
  if (i % 17 === 5) return 'story-2';
  if (i % 10 === 3) return 'story-1';
  return 'story-0';
}

/** Kafka's result: below `cleanEnd` (the active segment's base) the latest of each key; from it on, everything. */
function survivors(sent: Rec[], cleanEnd: number): Rec[] {
  const latest = new Map<string, number>();
  for (const r of sent) if (r.offset < cleanEnd) latest.set(r.key, r.offset);
  return sent.filter((r) => r.offset >= cleanEnd || latest.get(r.key) === r.offset);
}

async function kafkajsReadAll(topic: string, expected: number): Promise<Rec[]> {
  const consumer = client.consumer({ groupId: uniq('compaction-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const got = await consumeN(consumer, expected, { timeoutMs: 30_000 });
    return got.map((m) => ({ offset: Number(m.offset), key: m.key!, value: m.value! }));
  } finally {
    await consumer.disconnect();
  }
}

async function kcatRead(topic: string, from: string | number): Promise<Rec[]> {
  const res = await kcat(['-b', bootstrap, '-C', '-t', topic, '-p', '0', '-o', String(from), '-e', '-J']);
  expect(res.code).toBe(0);
  return parseJsonLines(res.stdout).map((m) => ({ offset: m.offset, key: m.key!, value: m.payload! }));
}

describe('log compaction through real clients', () => {
  let topic: string;
  let sent: Rec[];
  let expected: Rec[];
  let cleanEnd: number;

  beforeAll(async () => {
    topic = await createTopic(true);
    sent = await produceVersions(topic);
    const reports = await broker.compactNow();
    const mine = reports.find((r) => r.topic === topic);
    expect(mine).toBeDefined();
    cleanEnd = mine!.to;
    expected = survivors(sent, cleanEnd);
    // The pass cleaned most of the log and left an active segment behind it.
    expect(cleanEnd).toBeGreaterThan(sent.length / 2);
    expect(cleanEnd).toBeLessThan(sent.length);
  });

  it('kafkajs reading from offset 0 gets the latest record of each key below the active segment, with its original offset, then the active segment whole', async () => {
    const got = await kafkajsReadAll(topic, expected.length);
    expect(got).toEqual(expected);
    expect(got.filter((r) => r.offset < cleanEnd)).toHaveLength(4);
    // Survivors below the active segment are not one run of offsets: the gaps are real.
    const kept = got.filter((r) => r.offset < cleanEnd).map((r) => r.offset);
    expect(kept.at(-1)! - kept[0]!).toBeGreaterThan(3);
  });

  it.skipIf(!kcatAvailable)('kcat -o beginning reads the same records and offsets', async () => {
    expect(await kcatRead(topic, 'beginning')).toEqual(expected);
  });

  it.skipIf(!kcatAvailable)('kcat at an offset compacted away starts at the next surviving record, not OFFSET_OUT_OF_RANGE', async () => {
    // An offset compacted away between two survivors.
    const gone = sent.filter((r) => r.offset > expected[0]!.offset && !expected.some((e) => e.offset === r.offset))[0]!;
    const got = await kcatRead(topic, gone.offset);
    expect(got).toEqual(expected.filter((r) => r.offset > gone.offset));
  });

  it('a kafkajs consumer seeking to an offset compacted away gets the next surviving record', async () => {
    const gone = sent.filter((r) => r.offset > expected[0]!.offset && !expected.some((e) => e.offset === r.offset))[0]!;
    const rest = expected.filter((r) => r.offset > gone.offset);
    const consumer = client.consumer({ groupId: uniq('compaction-seek'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      const got: Rec[] = [];
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            got.push({ offset: Number(message.offset), key: message.key!.toString(), value: message.value!.toString() });
            if (got.length >= rest.length) resolve();
          },
        });
      });
      consumer.seek({ topic, partition: 0, offset: String(gone.offset) });
      await done;
      expect(got.slice(0, rest.length)).toEqual(rest);
    } finally {
      await consumer.disconnect();
    }
  });

  it('a topic without cleanup.policy=compact is not cleaned: kafkajs and kcat read every record', async () => {
    const plain = await createTopic(false);
    const all = await produceVersions(plain);
    const reports = await broker.compactNow();
    expect(reports.some((r) => r.topic === plain)).toBe(false);
    expect(await kafkajsReadAll(plain, all.length)).toEqual(all);
    if (kcatAvailable) expect(await kcatRead(plain, 'beginning')).toEqual(all);
  });

  it('a record without a key is refused on a compacted topic (INVALID_RECORD, as Kafka), with a key it is stored', async () => {
    const t = await createTopic(true);
    const noRetry = client.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await noRetry.connect();
    try {
      await expect(noRetry.send({ topic: t, acks: -1, messages: [{ value: 'no key' }] })).rejects.toMatchObject({ type: 'INVALID_RECORD' });
      await noRetry.send({ topic: t, acks: -1, messages: [{ key: 'k', value: 'keyed' }] });
    } finally {
      await noRetry.disconnect();
    }
    const offsets = await admin.fetchTopicOffsets(t);
    expect(offsets[0]!.high).toBe('1');
  });

  it('CreateTopics refuses a cleanup.policy it does not know with INVALID_CONFIG (40)', async () => {
    const topic = uniq('bad-policy');
    await expect(
      admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'shred' }] }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })] });
    expect(await admin.listTopics()).not.toContain(topic);
  });
});

describe('the background cleaner', () => {
  it('compacts on its own timer (BROKER_CLEANER_INTERVAL_MS) and logs what it removed', async () => {
    const bgDir = mkdtempSync(join(tmpdir(), 'compaction-background-'));
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)), done()) }));
    const bg = await startBroker({ host: '127.0.0.1', port: 0, dataDir: bgDir, segmentBytes: 1024, cleanerIntervalMs: 100, logger });
    const bgClient = testKafka([`127.0.0.1:${bg.port}`]);
    const bgAdmin = bgClient.admin();
    const bgProducer = bgClient.producer({ allowAutoTopicCreation: false });
    try {
      await bgAdmin.connect();
      await bgProducer.connect();
      const topic = uniq('background');
      await bgAdmin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }], waitForLeaders: true });
      for (let v = 0; v < 20; v++) await bgProducer.send({ topic, acks: -1, messages: [{ key: 'only', value: `v${v} ${'b'.repeat(200)}` }] });
      // No trigger: the timer's pass shows up in the log, naming the topic and what it removed.
      await waitFor(() => lines.some((l) => l.msg === 'log cleaner compacted partition' && l.topic === topic), 'a background pass', { timeoutMs: 30_000, intervalMs: 50 });
      const line = lines.find((l) => l.msg === 'log cleaner compacted partition' && l.topic === topic)!;
      expect(line).toMatchObject({ partition: 0, from: 0, keys: 1, keyMapFull: false });
      expect(line.recordsRemoved).toBe((line.to as number) - 1);
      expect(line.bytesAfter as number).toBeLessThan(line.bytesBefore as number);
    } finally {
      await bgProducer.disconnect();
      await bgAdmin.disconnect();
      await bg.stop();
      rmSync(bgDir, { recursive: true, force: true });
    }
  });
});
