/**
 * The Kafka port against a real broker (startKafka): topics with explicit
 * partitions and replication, refusals that name the broker's reason, range
 * reads and tails that join no consumer group, and senders that return the
 * offset of every record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { createLogger } from '@newswire/config';
import { openKafka, KafkaAdminError, type FetchedBatch, type KafkaPort, type OutgoingRecord, type TailHealth } from '@newswire/kafka';
import { needsOwnCluster, startKafka, type TestKafka } from '@newswire/test-support';

let kafka: TestKafka;
let port: KafkaPort;
/** A plain kafkajs admin: the independent witness that no consumer group was created. */
let witness: ReturnType<Kafka['admin']>;
/** What the port logs at error level: kept here (a test asserts on it), not printed into the run's output. */
const errorLog: { msg?: string; err?: { message?: string } }[] = [];
const logger = createLogger('port-test', { level: 'error' }, { write: (line: string) => void errorLog.push(JSON.parse(line) as (typeof errorLog)[number]) });
let n = 0;
const topicName = (what: string) => `${kafka.prefix}.port-${what}-${n++}`;

beforeAll(async () => {
  kafka = await startKafka();
  port = await openKafka({ brokers: kafka.brokers, logger, clientId: 'port-test' });
  witness = new Kafka({ brokers: kafka.brokers, clientId: 'port-test-witness', logLevel: logLevel.NOTHING }).admin();
  await witness.connect();
});

afterAll(async () => {
  await witness?.disconnect();
  await port?.close();
  await kafka?.stop();
});

const records = (topic: string, partition: number, count: number, tag: string): OutgoingRecord[] =>
  Array.from({ length: count }, (_, i) => ({ topic, partition, key: `k${i}`, value: `${tag}-${i}`, headers: { h: `v${i}` } }));

async function groups(): Promise<string[]> {
  return (await witness.listGroups()).groups.map((g) => g.groupId);
}

describe('cluster and topics', () => {
  it('describes the cluster', async () => {
    const info = await port.describeCluster();
    expect(info.clusterId).toMatch(/\S/);
    expect(info.brokers).toBeGreaterThanOrEqual(1);
  });

  it('creates topics with the partitions asked for, leaves existing ones alone, and reports missing ones as empty', async () => {
    const t = topicName('create');
    expect(await port.topicOffsets(t)).toEqual([]);
    expect(await port.ensureTopics([t], { partitions: 4 })).toEqual([t]);
    expect(await port.ensureTopics([t], { partitions: 9 })).toEqual([]);
    expect((await port.partitionCounts([t, topicName('absent')])).get(t)).toBe(4);
    const offsets = await port.topicOffsets(t);
    expect(offsets.map((o) => o.partition)).toEqual([0, 1, 2, 3]);
    expect(offsets.every((o) => o.low === 0n && o.high === 0n)).toBe(true);
    const meta = await witness.fetchTopicMetadata({ topics: [t] });
    expect(meta.topics[0]!.partitions.every((p) => p.replicas.length === 1 || p.replicas.length === 3)).toBe(true);
  });

  it('names the broker\'s reason when it refuses a topic', async () => {
    const { brokers } = await port.describeCluster();
    const t = topicName('refused');
    const err = await port.ensureTopics([t], { partitions: 1, replication: brokers + 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaAdminError);
    expect((err as Error).message).toContain(`could not create ${t} (1 partitions, replication factor ${brokers + 1})`);
    expect((err as Error).message).toContain('INVALID_REPLICATION_FACTOR (38)');
    expect((err as KafkaAdminError).codes.get(t)).toBe(38);
    expect(await port.listTopics()).not.toContain(t);
  });
});

describe('send and read back', () => {
  it('returns the offset of every record, across topics and partitions, and reads exactly a range', async () => {
    const a = topicName('send-a');
    const b = topicName('send-b');
    await port.ensureTopics([a, b], { partitions: 2 });
    const sender = await port.openSender();
    try {
      await sender.send(records(a, 0, 3, 'warm'));
      const batch = [...records(a, 0, 5, 'a0'), ...records(b, 1, 4, 'b1'), ...records(a, 1, 2, 'a1')];
      const offsets = await sender.send(batch);
      expect(offsets).toEqual([3n, 4n, 5n, 6n, 7n, 0n, 1n, 2n, 3n, 0n, 1n]);

      const got: FetchedBatch[] = [];
      await port.readRange(
        [
          { topic: a, partition: 0, from: 4n, to: 7n },
          { topic: b, partition: 1, from: 0n, to: 4n },
          { topic: a, partition: 1, from: 2n, to: 2n },
        ],
        (x) => void got.push(x),
      );
      const read = got.flatMap((x) => x.records);
      // Each record is found at the offset send() returned for it.
      const sent = new Map(batch.map((r, i) => [`${r.topic}/${r.partition}/${offsets[i]}`, r.value]));
      expect(read.map((r) => `${r.topic}/${r.partition}/${r.offset}`).sort()).toEqual([`${a}/0/4`, `${a}/0/5`, `${a}/0/6`, `${b}/1/0`, `${b}/1/1`, `${b}/1/2`, `${b}/1/3`].sort());
      for (const r of read) {
        expect(r.value!.toString()).toBe(sent.get(`${r.topic}/${r.partition}/${r.offset}`));
        expect(r.headers.h!.toString()).toMatch(/^v\d$/);
        expect(r.timestamp).toBeGreaterThan(Date.now() - 60_000);
      }
      expect(got.every((x) => x.highWatermark >= x.next)).toBe(true);
    } finally {
      await sender.close();
    }
  });

  it('ends a range whose end lies beyond the log at the log end, and stops when aborted', async () => {
    const t = topicName('short');
    await port.ensureTopics([t], { partitions: 1 });
    const sender = await port.openSender();
    await sender.send(records(t, 0, 3, 'x'));
    await sender.close();
    const seen: bigint[] = [];
    await port.readRange([{ topic: t, partition: 0, from: 0n, to: 100n }], (x) => void seen.push(...x.records.map((r) => r.offset)));
    expect(seen).toEqual([0n, 1n, 2n]);

    const abort = new AbortController();
    const following = port.readRange([{ topic: t, partition: 0, from: 3n }], () => {}, { signal: abort.signal, maxWaitMs: 100 });
    setTimeout(() => abort.abort(), 300);
    await expect(following).resolves.toBeUndefined();
  });

  it('stops a range read with the error of a handler that throws', async () => {
    const t = topicName('handler');
    await port.ensureTopics([t], { partitions: 1 });
    const sender = await port.openSender();
    await sender.send(records(t, 0, 5, 'h'));
    await sender.close();
    let calls = 0;
    const read = port.readRange([{ topic: t, partition: 0, from: 0n, to: 5n }], () => {
      calls++;
      throw new Error('handler says no');
    });
    await expect(read).rejects.toThrow('handler says no');
    expect(calls).toBe(1);
    expect(errorLog).toContainEqual(expect.objectContaining({ msg: 'batch handler failed; reading stops', err: expect.objectContaining({ message: 'handler says no' }) }));
  });

  it('refuses a range over a topic that does not exist', async () => {
    const t = topicName('nope');
    await expect(port.readRange([{ topic: t, partition: 0, from: 0n, to: 1n }], () => {})).rejects.toThrow(`cannot read ${t}: no such topic`);
  });

  it('refuses a range over a partition the topic does not have', async () => {
    const t = topicName('two');
    await port.ensureTopics([t], { partitions: 2 });
    await expect(port.readRange([{ topic: t, partition: 5, from: 0n, to: 1n }], () => {})).rejects.toThrow(`cannot read ${t}[5]: no such partition`);
  });
});

describe('tail', () => {
  it('follows partitions from given positions, finds a topic created later, and reports health', async () => {
    const t1 = topicName('tail-1');
    const t2 = topicName('tail-2');
    await port.ensureTopics([t1], { partitions: 2 });
    const sender = await port.openSender();
    await sender.send([...records(t1, 0, 4, 'old'), ...records(t1, 1, 2, 'old')]);
    const got: string[] = [];
    const tail = port.tail({
      topics: [t1, t2],
      // Partition 0 from offset 2; anything else from its start.
      startAt: (topic, partition) => (topic === t1 && partition === 0 ? 2n : 'earliest'),
      onBatch: (b) => void got.push(...b.records.map((r) => `${r.topic}/${r.partition}/${r.value}`)),
      maxWaitMs: 100,
      metadataRefreshMs: 200,
    });
    try {
      await tail.firstRound();
      const h: TailHealth = tail.health();
      expect(h).toMatchObject({ state: 'fetching', connected: true, partitions: 2, missingTopics: [t2], lastError: null });
      await sender.send(records(t1, 1, 1, 'new'));
      await port.ensureTopics([t2], { partitions: 1 });
      await sender.send(records(t2, 0, 2, 'fresh'));
      await expect.poll(() => got.length, { timeout: 15_000 }).toBe(2 + 2 + 1 + 2);
      expect(got.filter((x) => x.startsWith(`${t1}/0/`))).toEqual([`${t1}/0/old-2`, `${t1}/0/old-3`]);
      expect(got.filter((x) => x.startsWith(`${t1}/1/`))).toEqual([`${t1}/1/old-0`, `${t1}/1/old-1`, `${t1}/1/new-0`]);
      expect(got.filter((x) => x.startsWith(`${t2}/`))).toEqual([`${t2}/0/fresh-0`, `${t2}/0/fresh-1`]);
      expect(tail.health()).toMatchObject({ state: 'fetching', partitions: 3, missingTopics: [] });
      expect(tail.health().fetches).toBeGreaterThan(0);
    } finally {
      await tail.stop();
      await sender.close();
    }
    expect(tail.health().state).toBe('stopped');
  });
});

describe('no consumer group', () => {
  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('a range read and a tail join none and leave none behind', async () => {
    const t = topicName('groupless');
    await port.ensureTopics([t], { partitions: 2 });
    const sender = await port.openSender();
    const before = await groups();
    const tail = port.tail({ topics: [t], startAt: () => 'earliest', onBatch: () => {}, maxWaitMs: 100, metadataRefreshMs: 200 });
    try {
      await sender.send([...records(t, 0, 3, 'x'), ...records(t, 1, 2, 'y')]);
      const read: string[] = [];
      await port.readRange([{ topic: t, partition: 0, from: 0n, to: 3n }, { topic: t, partition: 1, from: 0n, to: 2n }], (b) => void read.push(...b.records.map((r) => `${r.partition}/${r.offset}`)));
      expect(read.sort()).toEqual(['0/0', '0/1', '0/2', '1/0', '1/1']);
      await tail.firstRound();
      await expect.poll(() => tail.health().fetches, { timeout: 15_000 }).toBeGreaterThan(1);
      expect(await groups()).toEqual(before);
    } finally {
      await tail.stop();
      await sender.close();
    }
    expect(await groups()).toEqual(before);
  });
});
