/**
 * Request decoding against the bytes kafkajs really sends: each request is
 * encoded by kafkajs's own encoder and must decode to exactly what was put in.
 */
import { describe, expect, it } from 'vitest';
import { Reader } from '../src/protocol/reader.ts';
import { decodeRequestHeader } from '../src/protocol/header.ts';
import { API_BY_KEY } from '../src/protocol/apis/index.ts';
import { kafkajsRequestFrame, kafkajsRecordBatch, type KafkajsApi } from './support/kafkajs-wire.ts';

async function decode(api: KafkajsApi, version: number, args: Record<string, unknown> = {}) {
  const frame = await kafkajsRequestFrame(api, version, args, 4242, 'client-x');
  expect(frame.readInt32BE(0)).toBe(frame.length - 4);
  const r = new Reader(frame, 4);
  const header = decodeRequestHeader(r);
  expect(header.correlationId).toBe(4242);
  expect(header.clientId).toBe('client-x');
  expect(header.apiVersion).toBe(version);
  const codec = API_BY_KEY.get(header.apiKey)!.codec(version)!;
  const req = codec.decodeRequest(r) as Record<string, unknown>;
  expect(r.remaining()).toBe(0);
  return req;
}

describe('request decoders read kafkajs bytes', () => {
  it('ApiVersions v0..v2', async () => {
    for (const v of [0, 1, 2]) expect(await decode('apiVersions', v)).toEqual({});
  });

  it('Metadata v1..v4 (null = all topics, v4 auto-create flag)', async () => {
    for (const v of [1, 2, 3]) {
      expect(await decode('metadata', v, { topics: ['a', 'b'] })).toEqual({ topics: ['a', 'b'], allowAutoTopicCreation: true });
      // kafkajs writes [] as a null array (-1): "all topics".
      expect(await decode('metadata', v, { topics: [] })).toEqual({ topics: null, allowAutoTopicCreation: true });
    }
    expect(await decode('metadata', 4, { topics: ['x'], allowAutoTopicCreation: false })).toEqual({ topics: ['x'], allowAutoTopicCreation: false });
    expect(await decode('metadata', 4, { topics: [] })).toEqual({ topics: null, allowAutoTopicCreation: true });
  });

  it('Produce v3 keeps the record set bytes as sent', async () => {
    const req = await decode('produce', 3, {
      acks: -1,
      timeout: 30000,
      topicData: [{ topic: 't', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v', headers: { h: '1' }, timestamp: 1700000000000 }] }] }],
    });
    expect(req).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 });
    const topics = req.topics as { name: string; partitions: { partition: number; records: Buffer }[] }[];
    expect(topics[0]!.name).toBe('t');
    const records = topics[0]!.partitions[0]!.records;
    expect(topics[0]!.partitions[0]!.partition).toBe(2);
    // A whole RecordBatch v2: magic 2 at byte 16, length field = size - 12.
    expect(records.readInt8(16)).toBe(2);
    expect(records.readInt32BE(8)).toBe(records.length - 12);
  });

  it('Fetch v4', async () => {
    const req = await decode('fetch', 4, {
      replicaId: -1, maxWaitTime: 5000, minBytes: 1, maxBytes: 10485760, isolationLevel: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: '123', maxBytes: 1048576 }] }],
    });
    expect(req).toEqual({
      replicaId: -1, maxWaitMs: 5000, minBytes: 1, maxBytes: 10485760, isolationLevel: 1,
      topics: [{ name: 't', partitions: [{ partition: 0, fetchOffset: 123, maxBytes: 1048576 }] }],
    });
  });

  it('ListOffsets v1 (latest, earliest, by timestamp)', async () => {
    const req = await decode('listOffsets', 1, {
      replicaId: -1,
      topics: [{ topic: 't', partitions: [{ partition: 0, timestamp: -1 }, { partition: 1, timestamp: -2 }, { partition: 2, timestamp: 1700000000123 }] }],
    });
    expect(req).toEqual({
      replicaId: -1,
      topics: [{ name: 't', partitions: [{ partition: 0, timestamp: -1 }, { partition: 1, timestamp: -2 }, { partition: 2, timestamp: 1700000000123 }] }],
    });
  });

  it('FindCoordinator v0, Heartbeat v0, LeaveGroup v0', async () => {
    expect(await decode('findCoordinator', 0, { groupId: 'g' })).toEqual({ key: 'g' });
    expect(await decode('heartbeat', 0, { groupId: 'g', groupGenerationId: 3, memberId: 'm' })).toEqual({ groupId: 'g', generationId: 3, memberId: 'm' });
    expect(await decode('leaveGroup', 0, { groupId: 'g', memberId: 'm' })).toEqual({ groupId: 'g', memberId: 'm' });
  });

  it('JoinGroup v1 and SyncGroup v0', async () => {
    expect(
      await decode('joinGroup', 1, {
        groupId: 'g', sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: '', protocolType: 'consumer',
        groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
      }),
    ).toEqual({
      groupId: 'g', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 60000, memberId: '', protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
    });
    expect(
      await decode('syncGroup', 0, { groupId: 'g', generationId: 1, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: Buffer.from('abc') }] }),
    ).toEqual({ groupId: 'g', generationId: 1, memberId: 'm', assignments: [{ memberId: 'm', assignment: Buffer.from('abc') }] });
  });

  it('OffsetCommit v2 (negative offsets kept) and OffsetFetch v1', async () => {
    expect(
      await decode('offsetCommit', 2, {
        groupId: 'g', groupGenerationId: 2, memberId: 'm', retentionTime: -1,
        topics: [{ topic: 't', partitions: [{ partition: 0, offset: '42' }, { partition: 1, offset: '-1', metadata: 'md' }] }],
      }),
    ).toEqual({
      groupId: 'g', generationId: 2, memberId: 'm', retentionTimeMs: -1,
      topics: [{ name: 't', partitions: [{ partition: 0, offset: 42, metadata: null }, { partition: 1, offset: -1, metadata: 'md' }] }],
    });
    expect(await decode('offsetFetch', 1, { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }, { partition: 3 }] }] })).toEqual({
      groupId: 'g',
      topics: [{ name: 't', partitions: [0, 3] }],
    });
  });

  it('DescribeGroups v0, ListGroups v0', async () => {
    expect(await decode('describeGroups', 0, { groupIds: ['a', 'b'] })).toEqual({ groupIds: ['a', 'b'] });
    expect(await decode('listGroups', 0)).toEqual({});
  });

  it('CreateTopics v0, DeleteTopics v0, InitProducerId v0', async () => {
    expect(
      await decode('createTopics', 0, {
        topics: [{ topic: 'n', numPartitions: 4, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '1000' }] }],
        timeout: 1234,
      }),
    ).toEqual({
      topics: [{ name: 'n', numPartitions: 4, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] }],
      timeoutMs: 1234,
    });
    expect(await decode('deleteTopics', 0, { topics: ['a'], timeout: 99 })).toEqual({ names: ['a'], timeoutMs: 99 });
    expect(await decode('initProducerId', 0, { transactionalId: null, transactionTimeout: 5000 })).toEqual({ transactionalId: null, transactionTimeoutMs: 5000 });
  });

  it('truncated frames fail with DecodeError, never read past the end', async () => {
    const batch = await kafkajsRecordBatch({ messages: [{ value: 'x' }] });
    const frame = await kafkajsRequestFrame('produce', 3, {
      acks: 1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ value: 'x' }] }] }],
    });
    expect(batch.length).toBeGreaterThan(0);
    for (let cut = 4; cut < frame.length; cut++) {
      const r = new Reader(frame.subarray(0, cut), 4);
      expect(() => {
        const h = decodeRequestHeader(r);
        API_BY_KEY.get(h.apiKey)!.codec(h.apiVersion)!.decodeRequest(r);
      }).toThrow();
    }
  });
});
