/**
 * kafkajs admin conformance through real TCP: createTopics, listTopics,
 * fetchTopicMetadata, fetchTopicOffsets(ByTimestamp), fetchOffsets,
 * describeGroups, listGroups, deleteTopics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka } from 'kafkajs';
import { needsDevBroker, waitFor, type TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, consumeN, KEEP_OLD_RECORDS, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';

let kafka: TestKafka;
let client: Kafka;
let admin: Admin;

beforeAll(async () => ({ kafka, client, admin } = await openKafkaWithAdmin()));
afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

describe('kafkajs admin', () => {
  it('createTopics creates with the asked partitions, refuses duplicates, listTopics lists them', async () => {
    const a = uniq('adm');
    const b = uniq('adm');
    expect(
      await admin.createTopics({
        topics: [
          { topic: a, numPartitions: 4, replicationFactor: 1 },
          { topic: b, numPartitions: 1, replicationFactor: 1 },
        ],
        waitForLeaders: true,
      }),
    ).toBe(true);
    // Already exists: kafkajs reports false instead of throwing.
    expect(await admin.createTopics({ topics: [{ topic: a, numPartitions: 4, replicationFactor: 1 }] })).toBe(false);
    const topics = await admin.listTopics();
    expect(topics).toEqual(expect.arrayContaining([a, b]));
    const meta = await admin.fetchTopicMetadata({ topics: [a] });
    expect(meta.topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2, 3]);
    for (const p of meta.topics[0]!.partitions) expect(p.leader).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(needsDevBroker('its refusal of -1 partitions and replication on CreateTopics v3'))('createTopics without partitions or replication factor is refused, naming why, as Kafka before 2.4 refuses it', async () => {
    // kafkajs speaks CreateTopics v3 and sends -1 ("broker default"), which Kafka defines from v4 (KIP-464).
    // Kafka 2.1-2.3 refuse it; newer brokers leave the check to the Java client. The dev broker refuses it.
    const topic = uniq('defaults');
    const err = await admin.createTopics({ topics: [{ topic }] }).then(
      () => null,
      (e: unknown) => e as { errors?: { type: string; message: string }[] },
    );
    expect(err?.errors?.map((e) => e.type)).toEqual(['INVALID_REPLICATION_FACTOR']);
    expect(await admin.listTopics()).not.toContain(topic);
    const noPartitions = await admin.createTopics({ topics: [{ topic, replicationFactor: 1 }] }).then(
      () => null,
      (e: unknown) => e as { errors?: { type: string }[] },
    );
    expect(noPartitions?.errors?.map((e) => e.type)).toEqual(['INVALID_PARTITIONS']);
  });

  it('createTopics rejects invalid names and partition counts', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!', numPartitions: 1, replicationFactor: 1 }] })).rejects.toThrow();
    await expect(admin.createTopics({ topics: [{ topic: uniq('zero'), numPartitions: 0, replicationFactor: 1 }] })).rejects.toThrow();
  });

  it('fetchTopicOffsets and fetchTopicOffsetsByTimestamp', async () => {
    const topic = uniq('off');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1, configEntries: KEEP_OLD_RECORDS }], waitForLeaders: true });
    const producer = client.producer();
    await producer.connect();
    const base = 1_700_000_000_000;
    // Partition 0 gets timestamps base, base+1000, ... in separate batches.
    for (let i = 0; i < 5; i++) await producer.send({ topic, messages: [{ partition: 0, value: `v${i}`, timestamp: String(base + i * 1000) }] });
    await producer.send({ topic, messages: [{ partition: 1, value: 'only', timestamp: String(base + 10_000) }] });
    await producer.disconnect();

    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.sort((x, y) => x.partition - y.partition)).toEqual([
      { partition: 0, offset: '5', high: '5', low: '0' },
      { partition: 1, offset: '1', high: '1', low: '0' },
    ]);
    const byTs = async (ts: number) => (await admin.fetchTopicOffsetsByTimestamp(topic, ts)).sort((x, y) => x.partition - y.partition);
    expect(await byTs(base + 2500)).toEqual([{ partition: 0, offset: '3' }, { partition: 1, offset: '0' }]);
    expect(await byTs(base)).toEqual([{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }]);
    // Past every timestamp: kafkajs maps "none" (-1) to the high watermark.
    expect(await byTs(base + 60_000)).toEqual([{ partition: 0, offset: '5' }, { partition: 1, offset: '1' }]);
  });

  it('fetchOffsets, describeGroups and listGroups see a consumer group and its commits', async () => {
    const topic = uniq('grp');
    const groupId = uniq('group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ partition: 0, value: 'a' }, { partition: 0, value: 'b' }, { partition: 1, value: 'c' }] });
    await producer.disconnect();

    const consumer = client.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumeN(consumer, 3);
    const described = await waitFor(async () => {
      const d = await admin.describeGroups([groupId]);
      return d.groups[0]?.state === 'Stable' ? d : undefined;
    }, 'the group to be Stable');
    expect(described.groups[0]).toMatchObject({ groupId, protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
    expect(described.groups[0]!.members).toHaveLength(1);
    expect(described.groups[0]!.members[0]!.clientId).toBe('broker-conformance');
    expect((await admin.listGroups()).groups).toEqual(expect.arrayContaining([{ groupId, protocolType: 'consumer' }]));
    await consumer.disconnect();

    const fetched = await waitFor(async () => {
      const f = await admin.fetchOffsets({ groupId, topics: [topic] });
      const parts = f[0]!.partitions.sort((x, y) => x.partition - y.partition);
      return parts.map((p) => p.offset).join() === '2,1' ? parts : undefined;
    }, 'offsets 2 and 1 committed');
    expect(fetched.map((p) => ({ partition: p.partition, offset: p.offset }))).toEqual([
      { partition: 0, offset: '2' },
      { partition: 1, offset: '1' },
    ]);
    const empty = await admin.describeGroups([groupId]);
    expect(empty.groups[0]!.state).toBe('Empty');
    // A group nobody committed to: every partition answers -1.
    const none = await admin.fetchOffsets({ groupId: uniq('nobody'), topics: [topic] });
    expect(none[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
  });

  it('setOffsets/resetOffsets commit for an idle group', async () => {
    const topic = uniq('set');
    const groupId = uniq('group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '7' }] });
    const f = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(f[0]!.partitions[0]!.offset).toBe('7');
  });

  it('deleteTopics removes topics; deleting a missing one fails', async () => {
    const topic = uniq('del');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'x' }] });
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await waitFor(async () => !(await admin.listTopics()).includes(topic), 'the topic to be gone');
    await expect(admin.deleteTopics({ topics: [uniq('never')], timeout: 2000 })).rejects.toThrow();
  });
});
