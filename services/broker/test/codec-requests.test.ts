/**
 * Request decoding against the bytes real clients send: every version of
 * every API this broker implements is decoded from a request another
 * implementation encoded (kafkajs for the classic versions, @platformatic/kafka
 * for the flexible ones), must consume exactly the body, and must yield what
 * was put in. Versions no client library here encodes are built from the
 * nearest one Kafka's definitions call identical, or field by field with
 * platformatic's writer.
 */
import { describe, expect, it } from 'vitest';
import * as pk from '@platformatic/kafka';
import { Reader } from '../src/protocol/reader.ts';
import { decodeRequestHeader } from '../src/protocol/header.ts';
import { API, API_BY_KEY, type ApiName } from '../src/protocol/apis/index.ts';
import { kafkajsRecordBatch, kafkajsRequestFrame, type KafkajsApi } from './support/kafkajs-wire.ts';
import { PWriter, flexibleRequestFrame, platformaticBody } from './support/platformatic-wire.ts';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const TOPIC_ID_DASHED = '01234567-89ab-cdef-0123-456789abcdef';
const covered = new Set<string>();

/** Decode a body with the codec of `name` v`version`: every byte must be consumed. */
function decodeBody(name: ApiName, version: number, body: Buffer): Record<string, unknown> {
  const codec = API_BY_KEY.get(API[name].key)!.codec(version);
  expect(codec, `${name} v${version} has a codec`).toBeDefined();
  const r = new Reader(body);
  const req = codec!.decodeRequest(r) as Record<string, unknown>;
  expect(r.remaining(), `${name} v${version} consumed the whole body`).toBe(0);
  covered.add(`${name}:${version}`);
  return req;
}

/** A whole kafkajs frame (header v1) through the header decoder and the codec. */
async function kafkajs(api: KafkajsApi, name: ApiName, version: number, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const frame = await kafkajsRequestFrame(api, version, args, 4242, 'client-x');
  expect(frame.readInt32BE(0)).toBe(frame.length - 4);
  const r = new Reader(frame, 4);
  expect(decodeRequestHeader(r)).toEqual({ apiKey: API[name].key, apiVersion: version, correlationId: 4242, clientId: 'client-x' });
  return decodeBody(name, version, frame.subarray(r.offset));
}

/** A header v2 frame around a platformatic body, through the header decoder, tag skip and codec. */
function flexible(name: ApiName, version: number, body: Buffer): Record<string, unknown> {
  const frame = flexibleRequestFrame(API[name].key, version, 99, body);
  const r = new Reader(frame, 4);
  expect(decodeRequestHeader(r)).toMatchObject({ apiVersion: version, correlationId: 99, clientId: 'pk-test' });
  const codec = API_BY_KEY.get(API[name].key)!.codec(version)!;
  expect(codec.flexible).toBe(true);
  r.skipTaggedFields();
  return decodeBody(name, version, frame.subarray(r.offset));
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('classic versions, from kafkajs', () => {
  it('Produce v3..v7 keeps the record set bytes as sent', async () => {
    for (const v of range(3, 7)) {
      const req = await kafkajs('produce', 'Produce', v, {
        acks: -1,
        timeout: 30000,
        topicData: [{ topic: 't', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v', headers: { h: '1' }, timestamp: 1700000000000 }] }] }],
      });
      expect(req).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000, topics: [{ name: 't', partitions: [{ partition: 2 }] }] });
      const records = (req.topics as { partitions: { records: Buffer }[] }[])[0]!.partitions[0]!.records;
      // A whole RecordBatch v2: magic 2 at byte 16, length field = size - 12.
      expect(records.readInt8(16)).toBe(2);
      expect(records.readInt32BE(8)).toBe(records.length - 12);
    }
  });

  it('Produce v0..v2 keeps the message set bytes as sent (magic 0, then 1)', async () => {
    for (const v of range(0, 2)) {
      const req = await kafkajs('produce', 'Produce', v, {
        acks: 1,
        timeout: 1000,
        topicData: [{ topic: 't', partitions: [{ partition: 1, messages: [{ key: 'k', value: 'v', timestamp: 1700000000000 }] }] }],
      });
      expect(req).toMatchObject({ transactionalId: null, acks: 1, timeoutMs: 1000, topics: [{ name: 't', partitions: [{ partition: 1 }] }] });
      const set = (req.topics as { partitions: { records: Buffer }[] }[])[0]!.partitions[0]!.records;
      expect(set.readInt32BE(8)).toBe(set.length - 12); // one message: offset, size, then the message
      expect(set.readInt8(16)).toBe(v === 2 ? 1 : 0); // magic
    }
  });

  it('Fetch v0..v11 (max_bytes from v3, isolation from v4, sessions from v7, leader epochs from v9, rack from v11)', async () => {
    for (const v of range(0, 11)) {
      const req = await kafkajs('fetch', 'Fetch', v, {
        replicaId: -1, maxWaitTime: 5000, minBytes: 1, maxBytes: 10485760, isolationLevel: 1, sessionId: 7, sessionEpoch: 3, rackId: 'rack-a',
        topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: '123', maxBytes: 1048576, currentLeaderEpoch: 5 }] }],
      });
      expect(req).toEqual({
        replicaId: -1, maxWaitMs: 5000, minBytes: 1, maxBytes: v >= 3 ? 10485760 : 0x7fffffff, isolationLevel: v >= 4 ? 1 : 0,
        sessionId: v >= 7 ? 7 : 0, sessionEpoch: v >= 7 ? 3 : -1,
        topics: [{ name: 't', topicId: '0'.repeat(32), partitions: [{ partition: 0, currentLeaderEpoch: v >= 9 ? 5 : -1, fetchOffset: 123, lastFetchedEpoch: -1, logStartOffset: -1, maxBytes: 1048576 }] }],
        forgottenTopics: [],
        rackId: v >= 11 ? 'rack-a' : '',
      });
    }
  });

  it('ListOffsets v0..v3 (v0: max_num_offsets; v2: isolation level)', async () => {
    for (const v of range(0, 3)) {
      const req = await kafkajs('listOffsets', 'ListOffsets', v, {
        replicaId: -1, isolationLevel: 1,
        topics: [{ topic: 't', partitions: [{ partition: 0, timestamp: -1 }, { partition: 2, timestamp: 1700000000123 }] }],
      });
      expect(req).toMatchObject({ replicaId: -1, isolationLevel: v >= 2 ? 1 : 0, timeoutMs: 0 });
      expect(req.topics).toMatchObject([{ name: 't', partitions: [{ partition: 0, timestamp: -1 }, { partition: 2, timestamp: 1700000000123 }] }]);
    }
  });

  it('Metadata v0..v6 (null = all topics from v1, auto-create flag from v4)', async () => {
    for (const v of range(0, 6)) {
      const req = await kafkajs('metadata', 'Metadata', v, { topics: ['a', 'b'], allowAutoTopicCreation: false });
      expect(req).toMatchObject({ allowAutoTopicCreation: v >= 4 ? false : true });
      expect((req.topics as { name: string }[]).map((t) => t.name)).toEqual(['a', 'b']);
      // kafkajs writes "all topics" as [] in v0 and as a null array from v1.
      const all = await kafkajs('metadata', 'Metadata', v, { topics: [] });
      expect(all.topics).toEqual(v === 0 ? [] : null);
    }
  });

  it('OffsetCommit v0..v5 (negative offsets kept; generation from v1; retention v2..v4)', async () => {
    for (const v of range(0, 5)) {
      const req = await kafkajs('offsetCommit', 'OffsetCommit', v, {
        groupId: 'g', groupGenerationId: 2, memberId: 'm', retentionTime: 5000,
        topics: [{ topic: 't', partitions: [{ partition: 0, offset: '42' }, { partition: 1, offset: '-1', metadata: 'md' }] }],
      });
      expect(req).toMatchObject({
        groupId: 'g', generationId: v >= 1 ? 2 : -1, memberId: v >= 1 ? 'm' : '',
        topics: [{ name: 't', partitions: [{ partition: 0, offset: 42, metadata: null }, { partition: 1, offset: -1, metadata: 'md' }] }],
      });
    }
  });

  it('OffsetFetch v1..v4', async () => {
    for (const v of range(1, 4)) {
      expect(await kafkajs('offsetFetch', 'OffsetFetch', v, { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }, { partition: 3 }] }] })).toMatchObject({
        groupId: 'g',
        topics: [{ name: 't', partitions: [0, 3] }],
        groups: [],
      });
    }
  });

  it('FindCoordinator v0..v2, Heartbeat v0..v3, LeaveGroup v0..v3', async () => {
    expect(await kafkajs('findCoordinator', 'FindCoordinator', 0, { groupId: 'g' })).toEqual({ key: 'g', keyType: 0, coordinatorKeys: [] });
    for (const v of [1, 2]) {
      expect(await kafkajs('findCoordinator', 'FindCoordinator', v, { coordinatorKey: 'tx', coordinatorType: 1 })).toEqual({ key: 'tx', keyType: 1, coordinatorKeys: [] });
    }
    for (const v of range(0, 3)) {
      expect(await kafkajs('heartbeat', 'Heartbeat', v, { groupId: 'g', groupGenerationId: 3, memberId: 'm', groupInstanceId: 'i' })).toEqual({
        groupId: 'g', generationId: 3, memberId: 'm', groupInstanceId: v >= 3 ? 'i' : null,
      });
    }
    for (const v of range(0, 2)) {
      expect(await kafkajs('leaveGroup', 'LeaveGroup', v, { groupId: 'g', memberId: 'm' })).toEqual({ groupId: 'g', memberId: 'm', members: [] });
    }
    expect(await kafkajs('leaveGroup', 'LeaveGroup', 3, { groupId: 'g', members: [{ memberId: 'm1' }, { memberId: 'm2', groupInstanceId: 'i2' }] })).toEqual({
      groupId: 'g', memberId: '', members: [{ memberId: 'm1', groupInstanceId: null, reason: null }, { memberId: 'm2', groupInstanceId: 'i2', reason: null }],
    });
  });

  it('JoinGroup v0..v5 and SyncGroup v0..v3', async () => {
    for (const v of range(0, 5)) {
      expect(
        await kafkajs('joinGroup', 'JoinGroup', v, {
          groupId: 'g', sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: '', groupInstanceId: 'static-1', protocolType: 'consumer',
          groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
        }),
      ).toEqual({
        groupId: 'g', sessionTimeoutMs: 30000, rebalanceTimeoutMs: v >= 1 ? 60000 : -1, memberId: '', groupInstanceId: v >= 5 ? 'static-1' : null,
        protocolType: 'consumer', protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }], reason: null,
      });
    }
    for (const v of range(0, 3)) {
      expect(
        await kafkajs('syncGroup', 'SyncGroup', v, { groupId: 'g', generationId: 1, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: Buffer.from('abc') }] }),
      ).toEqual({
        groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null, protocolType: null, protocolName: null,
        assignments: [{ memberId: 'm', assignment: Buffer.from('abc') }],
      });
    }
  });

  it('DescribeGroups v0..v2, ListGroups v0..v2, ApiVersions v0..v2', async () => {
    for (const v of range(0, 2)) {
      expect(await kafkajs('describeGroups', 'DescribeGroups', v, { groupIds: ['a', 'b'] })).toEqual({ groupIds: ['a', 'b'], includeAuthorizedOperations: false });
      expect(await kafkajs('listGroups', 'ListGroups', v)).toEqual({ statesFilter: [], typesFilter: [] });
      expect(await kafkajs('apiVersions', 'ApiVersions', v)).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' });
    }
  });

  it('CreateTopics v0..v3, DeleteTopics v0..v1, InitProducerId v0..v1', async () => {
    for (const v of range(0, 3)) {
      expect(
        await kafkajs('createTopics', 'CreateTopics', v, {
          topics: [{ topic: 'n', numPartitions: 4, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '1000' }] }],
          timeout: 1234,
          validateOnly: true,
        }),
      ).toEqual({
        topics: [{ name: 'n', numPartitions: 4, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] }],
        timeoutMs: 1234,
        validateOnly: v >= 1,
      });
    }
    for (const v of [0, 1]) {
      expect(await kafkajs('deleteTopics', 'DeleteTopics', v, { topics: ['a'], timeout: 99 })).toEqual({ topics: [], topicNames: ['a'], timeoutMs: 99 });
      expect(await kafkajs('initProducerId', 'InitProducerId', v, { transactionalId: null, transactionTimeout: 5000 })).toEqual({
        transactionalId: null, transactionTimeoutMs: 5000, producerId: -1, producerEpoch: -1,
      });
    }
  });
});

describe('flexible versions, from @platformatic/kafka', () => {
  const msg = { topic: 't', partition: 2, key: Buffer.from('k'), value: Buffer.from('v'), headers: new Map([[Buffer.from('h'), Buffer.from('1')]]) };

  it('Produce v9..v12 (v12 is v11 on the wire) and v13 (topic ids)', () => {
    for (const v of range(9, 12)) {
      const body = platformaticBody(v === 12 ? pk.produceV11 : [pk.produceV9, pk.produceV10, pk.produceV11][v - 9]!, -1, 30000, [{ ...msg }], {});
      const req = flexible('Produce', v, body);
      expect(req).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000, topics: [{ name: 't', partitions: [{ partition: 2 }] }] });
      const records = (req.topics as { partitions: { records: Buffer }[] }[])[0]!.partitions[0]!.records;
      expect(records.readInt8(16)).toBe(2);
    }
    const v11 = platformaticBody(pk.produceV11, 1, 500, [{ ...msg }], {});
    const records = (flexible('Produce', 11, v11).topics as { partitions: { records: Buffer }[] }[])[0]!.partitions[0]!.records;
    // v13: the topic name becomes its id; everything else as v11.
    const body = PWriter.create()
      .appendString(null)
      .appendInt16(1)
      .appendInt32(500)
      .appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray([0], (w) => w.appendInt32(2).appendBytes(records)))
      .appendTaggedFields().buffer;
    expect(flexible('Produce', 13, body)).toMatchObject({ acks: 1, timeoutMs: 500, topics: [{ name: '', topicId: TOPIC_ID, partitions: [{ partition: 2, records }] }] });
  });

  it('Fetch v12 (names) and v13..v17 (topic ids); v18 adds only a tagged field', () => {
    const partition = { partition: 1, currentLeaderEpoch: 4, fetchOffset: 77n, lastFetchedEpoch: 3, partitionMaxBytes: 65536 };
    const want = (name: string, topicId: string) => ({
      replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, rackId: 'r1',
      topics: [{ name, topicId, partitions: [{ partition: 1, currentLeaderEpoch: 4, fetchOffset: 77, lastFetchedEpoch: 3, logStartOffset: -1, maxBytes: 65536 }] }],
    });
    const v12 = platformaticBody(pk.fetchV12, 500, 1, 1 << 20, 0, 0, -1, [{ topicId: 't', partitions: [partition] }], [], 'r1');
    expect(flexible('Fetch', 12, v12)).toMatchObject({ ...want('t', '0'.repeat(32)), forgottenTopics: [] });
    const mods = [pk.fetchV13, pk.fetchV14, pk.fetchV15, pk.fetchV16, pk.fetchV17];
    for (const v of range(13, 17)) {
      const body = platformaticBody(mods[v - 13]!, 500, 1, 1 << 20, 0, 0, -1, [{ topicId: TOPIC_ID_DASHED, partitions: [partition] }], [{ topic: TOPIC_ID_DASHED, partitions: [5] }], 'r1');
      expect(flexible('Fetch', v, body)).toMatchObject({ ...want('', TOPIC_ID), forgottenTopics: [{ topicId: TOPIC_ID, partitions: [5] }] });
    }
    const v17 = platformaticBody(pk.fetchV17, 500, 1, 1 << 20, 0, 0, -1, [{ topicId: TOPIC_ID_DASHED, partitions: [partition] }], [], 'r1');
    expect(flexible('Fetch', 18, v17)).toMatchObject(want('', TOPIC_ID));
  });

  it('Fetch skips the tagged fields a client sends (v12+ ClusterId, v17+ ReplicaDirectoryId)', () => {
    // Top-level tags written by hand after the fields: tag 0 ClusterId (compact string "c1").
    const v12 = platformaticBody(pk.fetchV12, 500, 1, 1 << 20, 0, 0, -1, [], [], '');
    const tagged = Buffer.concat([v12.subarray(0, v12.length - 1), Buffer.from([1, 0, 3, 3, 0x63, 0x31])]);
    expect(flexible('Fetch', 12, tagged)).toMatchObject({ maxWaitMs: 500, topics: [] });
  });

  it('ListOffsets v5 (classic), v6..v9 (flexible), v10..v11 (timeout)', () => {
    const topics = [{ name: 't', partitions: [{ partitionIndex: 0, currentLeaderEpoch: 2, timestamp: -3n }] }];
    const mods = [pk.listOffsetsV5, pk.listOffsetsV6, pk.listOffsetsV7, pk.listOffsetsV8, pk.listOffsetsV9];
    for (const v of range(5, 9)) {
      const body = platformaticBody(mods[v - 5]!, -1, 1, topics);
      const req = v === 5 ? decodeBody('ListOffsets', 5, body) : flexible('ListOffsets', v, body);
      expect(req).toEqual({ replicaId: -1, isolationLevel: 1, topics: [{ name: 't', partitions: [{ partition: 0, currentLeaderEpoch: 2, timestamp: -3, maxNumOffsets: 1 }] }], timeoutMs: 0 });
    }
    for (const v of [10, 11]) {
      const v9 = platformaticBody(pk.listOffsetsV9, -1, 0, topics);
      const body = Buffer.concat([v9.subarray(0, v9.length - 1), Buffer.from([0, 0, 0x75, 0x30, 0])]); // timeout 30000, tags
      expect(flexible('ListOffsets', v, body)).toMatchObject({ isolationLevel: 0, timeoutMs: 30000 });
    }
  });

  it('Metadata v9..v10 from platformatic; v11..v13 (cluster flag gone, by id only from v12) field by field', () => {
    for (const v of [9, 10]) {
      const mod = v === 9 ? pk.metadataV9 : pk.metadataV10;
      const req = flexible('Metadata', v, platformaticBody(mod, ['a', 'b'], true, true));
      expect(req).toMatchObject({ allowAutoTopicCreation: true, includeTopicAuthorizedOperations: true });
      expect((req.topics as { name: string }[]).map((t) => t.name)).toEqual(['a', 'b']);
      expect(flexible('Metadata', v, platformaticBody(mod, null, false, false)).topics).toBeNull();
    }
    // platformatic 1.x still writes include_cluster_authorized_operations at v11+, where Kafka
    // dropped it: one extra byte that Kafka, like this broker, leaves unread. Built by hand instead.
    for (const v of [11, 12, 13]) {
      const body = PWriter.create()
        .appendArray(['a', 'b'], (w, t) => w.appendUUID(null).appendString(t))
        .appendBoolean(true)
        .appendBoolean(true)
        .appendTaggedFields().buffer;
      const req = flexible('Metadata', v, body);
      expect(req).toMatchObject({ allowAutoTopicCreation: true, includeTopicAuthorizedOperations: true, includeClusterAuthorizedOperations: false });
      expect(req.topics).toEqual([{ topicId: '0'.repeat(32), name: 'a' }, { topicId: '0'.repeat(32), name: 'b' }]);
    }
    const byId = PWriter.create()
      .appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendString(null))
      .appendBoolean(false)
      .appendBoolean(false)
      .appendTaggedFields().buffer;
    expect(flexible('Metadata', 12, byId).topics).toEqual([{ topicId: TOPIC_ID, name: null }]);
  });

  it('OffsetCommit v8..v9, v10 (topic ids); OffsetFetch v6 (one group), v8..v9 (groups), v10 (topic ids)', () => {
    const topics = [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 1, committedMetadata: 'md' }] }];
    for (const v of [8, 9]) {
      const mod = v === 8 ? pk.offsetCommitV8 : pk.offsetCommitV9;
      expect(flexible('OffsetCommit', v, platformaticBody(mod, 'g', 3, 'm', null, topics))).toEqual({
        groupId: 'g', generationId: 3, memberId: 'm', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 't', topicId: '0'.repeat(32), partitions: [{ partition: 0, offset: 42, committedLeaderEpoch: 1, commitTimestamp: -1, metadata: 'md' }] }],
      });
    }
    const v10 = PWriter.create()
      .appendString('g').appendInt32(3).appendString('m').appendString(null)
      .appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray([0], (w) => w.appendInt32(0).appendInt64(42n).appendInt32(1).appendString('md')))
      .appendTaggedFields().buffer;
    expect(flexible('OffsetCommit', 10, v10)).toMatchObject({ topics: [{ name: '', topicId: TOPIC_ID, partitions: [{ partition: 0, offset: 42 }] }] });

    // v6 and v7: one group, compact; v7 adds require_stable.
    for (const v of [6, 7]) {
      const w = PWriter.create().appendString('g').appendArray([0], (w) => w.appendString('t').appendArray([0, 3], (w, p) => w.appendInt32(p), true, false));
      if (v === 7) w.appendBoolean(true);
      expect(flexible('OffsetFetch', v, w.appendTaggedFields().buffer)).toEqual({ groupId: 'g', topics: [{ name: 't', partitions: [0, 3] }], groups: [], requireStable: v === 7 });
    }
    for (const v of [8, 9]) {
      const mod = v === 8 ? pk.offsetFetchV8 : pk.offsetFetchV9;
      const req = flexible('OffsetFetch', v, platformaticBody(mod, [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: [{ name: 't', partitionIndexes: [0, 3] }] }, { groupId: 'h', memberId: null, memberEpoch: -1, topics: null }], true));
      expect(req).toMatchObject({ groupId: '', topics: null, requireStable: true, groups: [{ groupId: 'g', topics: [{ name: 't', partitions: [0, 3] }] }, { groupId: 'h', topics: null }] });
    }
    const f10 = PWriter.create()
      .appendArray([0], (w) => w.appendString('g').appendString(null).appendInt32(-1).appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray([1], (w, p) => w.appendInt32(p), true, false)))
      .appendBoolean(false)
      .appendTaggedFields().buffer;
    expect(flexible('OffsetFetch', 10, f10)).toMatchObject({ groups: [{ groupId: 'g', topics: [{ name: '', topicId: TOPIC_ID, partitions: [1] }] }] });
  });

  it('FindCoordinator v3 (one key) and v4..v6 (batched keys)', () => {
    const v3 = PWriter.create().appendString('g').appendInt8(0).appendTaggedFields().buffer;
    expect(flexible('FindCoordinator', 3, v3)).toEqual({ key: 'g', keyType: 0, coordinatorKeys: [] });
    for (const v of range(4, 6)) {
      const mod = [pk.findCoordinatorV4, pk.findCoordinatorV5, pk.findCoordinatorV6][v - 4]!;
      expect(flexible('FindCoordinator', v, platformaticBody(mod, 0, ['g1', 'g2']))).toEqual({ key: '', keyType: 0, coordinatorKeys: ['g1', 'g2'] });
    }
  });

  it('JoinGroup v6..v9, SyncGroup v4..v5, Heartbeat v4, LeaveGroup v4..v5', () => {
    const protocols = [{ name: 'range', metadata: Buffer.from([7, 8]) }];
    for (const v of range(6, 9)) {
      const mod = [pk.joinGroupV6, pk.joinGroupV7, pk.joinGroupV8, pk.joinGroupV9][v - 6]!;
      expect(flexible('JoinGroup', v, platformaticBody(mod, 'g', 45000, 300000, '', 'inst', 'consumer', protocols, 'because'))).toEqual({
        groupId: 'g', sessionTimeoutMs: 45000, rebalanceTimeoutMs: 300000, memberId: '', groupInstanceId: 'inst', protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.from([7, 8]) }], reason: v >= 8 ? 'because' : null,
      });
    }
    for (const v of [4, 5]) {
      const mod = v === 4 ? pk.syncGroupV4 : pk.syncGroupV5;
      expect(flexible('SyncGroup', v, platformaticBody(mod, 'g', 2, 'm', null, 'consumer', 'range', [{ memberId: 'm', assignment: Buffer.from('as') }]))).toEqual({
        groupId: 'g', generationId: 2, memberId: 'm', groupInstanceId: null, protocolType: v === 5 ? 'consumer' : null, protocolName: v === 5 ? 'range' : null,
        assignments: [{ memberId: 'm', assignment: Buffer.from('as') }],
      });
    }
    expect(flexible('Heartbeat', 4, platformaticBody(pk.heartbeatV4, 'g', 2, 'm', null))).toEqual({ groupId: 'g', generationId: 2, memberId: 'm', groupInstanceId: null });
    for (const v of [4, 5]) {
      const mod = v === 4 ? pk.leaveGroupV4 : pk.leaveGroupV5;
      expect(flexible('LeaveGroup', v, platformaticBody(mod, 'g', [{ memberId: 'm', groupInstanceId: null, reason: 'bye' }]))).toEqual({
        groupId: 'g', memberId: '', members: [{ memberId: 'm', groupInstanceId: null, reason: v === 5 ? 'bye' : null }],
      });
    }
  });

  it('DescribeGroups v3..v6, ListGroups v3..v5, ApiVersions v3..v4', () => {
    const groups = PWriter.create().appendArray(['a', 'b'], (w, g) => w.appendString(g, false), false, false).appendBoolean(true).buffer;
    expect(decodeBody('DescribeGroups', 3, groups)).toEqual({ groupIds: ['a', 'b'], includeAuthorizedOperations: true });
    expect(decodeBody('DescribeGroups', 4, groups)).toEqual({ groupIds: ['a', 'b'], includeAuthorizedOperations: true });
    for (const v of [5, 6]) {
      expect(flexible('DescribeGroups', v, platformaticBody(pk.describeGroupsV5, ['a', 'b'], true))).toEqual({ groupIds: ['a', 'b'], includeAuthorizedOperations: true });
    }
    expect(flexible('ListGroups', 3, PWriter.create().appendTaggedFields().buffer)).toEqual({ statesFilter: [], typesFilter: [] });
    expect(flexible('ListGroups', 4, platformaticBody(pk.listGroupsV4, ['STABLE'], []))).toEqual({ statesFilter: ['Stable'], typesFilter: [] }); // its v4 writes Kafka's spelling
    expect(flexible('ListGroups', 5, platformaticBody(pk.listGroupsV5, ['STABLE'], ['classic']))).toEqual({ statesFilter: ['STABLE'], typesFilter: ['classic'] }); // ... and v5 as given
    for (const v of [3, 4]) {
      const mod = v === 3 ? pk.apiVersionsV3 : pk.apiVersionsV4;
      expect(flexible('ApiVersions', v, platformaticBody(mod, 'newswire', '1.0.0'))).toEqual({ clientSoftwareName: 'newswire', clientSoftwareVersion: '1.0.0' });
    }
  });

  it('CreateTopics v4..v7 (v5+ flexible), DeleteTopics v2..v6, InitProducerId v2..v5', async () => {
    const topics = [{ name: 'n', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] }];
    const want = { topics: [{ name: 'n', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] }], timeoutMs: 1234, validateOnly: false };
    // v4 is v3 on the wire (only -1 became legal): kafkajs v3 bytes.
    const v3 = await kafkajsRequestFrame('createTopics', 3, { topics: [{ topic: 'n', numPartitions: -1, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '1000' }] }], timeout: 1234 });
    const r = new Reader(v3, 4);
    decodeRequestHeader(r);
    expect(decodeBody('CreateTopics', 4, v3.subarray(r.offset))).toEqual(want);
    for (const v of range(5, 7)) expect(flexible('CreateTopics', v, platformaticBody(pk.createTopicsV7, topics, 1234, false))).toEqual(want);

    for (const v of [2, 3]) {
      const d1 = await kafkajsRequestFrame('deleteTopics', 1, { topics: ['a'], timeout: 99 });
      const rd = new Reader(d1, 4);
      decodeRequestHeader(rd);
      expect(decodeBody('DeleteTopics', v, d1.subarray(rd.offset))).toEqual({ topics: [], topicNames: ['a'], timeoutMs: 99 });
    }
    for (const v of [4, 5]) {
      const body = PWriter.create().appendArray(['a', 'b'], (w, n) => w.appendString(n), true, false).appendInt32(99).appendTaggedFields().buffer;
      expect(flexible('DeleteTopics', v, body)).toEqual({ topics: [], topicNames: ['a', 'b'], timeoutMs: 99 });
    }
    expect(flexible('DeleteTopics', 6, platformaticBody(pk.deleteTopicsV6, [{ name: 'a', topicId: null }, { name: null as unknown as string, topicId: TOPIC_ID_DASHED }], 99))).toEqual({
      topics: [{ name: 'a', topicId: '0'.repeat(32) }, { name: null, topicId: TOPIC_ID }],
      topicNames: [],
      timeoutMs: 99,
    });

    const ip2 = PWriter.create().appendString(null).appendInt32(60000).appendTaggedFields().buffer;
    expect(flexible('InitProducerId', 2, ip2)).toEqual({ transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
    for (const v of range(3, 5)) {
      const mod = [pk.initProducerIdV3, pk.initProducerIdV4, pk.initProducerIdV5][v - 3]!;
      expect(flexible('InitProducerId', v, platformaticBody(mod, null, 60000, 17n, 2))).toEqual({ transactionalId: null, transactionTimeoutMs: 60000, producerId: 17, producerEpoch: 2 });
    }
  });
});

describe('versions neither client library encodes', () => {
  /** The body of a kafkajs request frame (after the v1 header). */
  async function kafkajsBody(api: KafkajsApi, version: number, args: Record<string, unknown>): Promise<Buffer> {
    const frame = await kafkajsRequestFrame(api, version, args);
    const r = new Reader(frame, 4);
    decodeRequestHeader(r);
    return frame.subarray(r.offset);
  }

  it('Produce v8 is v7 on the wire; ListOffsets v4 is v5; OffsetFetch v0 is v1 and v5 is v4 (Kafka: "same as")', async () => {
    const produce = await kafkajsBody('produce', 7, { acks: 1, timeout: 10, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ value: 'x' }] }] }] });
    expect(decodeBody('Produce', 8, produce)).toMatchObject({ acks: 1, timeoutMs: 10, topics: [{ name: 't' }] });
    const lo = platformaticBody(pk.listOffsetsV5, -1, 0, [{ name: 't', partitions: [{ partitionIndex: 3, currentLeaderEpoch: 9, timestamp: -2n }] }]);
    expect(decodeBody('ListOffsets', 4, lo)).toMatchObject({ topics: [{ name: 't', partitions: [{ partition: 3, currentLeaderEpoch: 9, timestamp: -2 }] }] });
    const of1 = await kafkajsBody('offsetFetch', 1, { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 1 }] }] });
    expect(decodeBody('OffsetFetch', 0, of1)).toMatchObject({ groupId: 'g', topics: [{ name: 't', partitions: [1] }] });
    const of4 = await kafkajsBody('offsetFetch', 4, { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 2 }] }] });
    expect(decodeBody('OffsetFetch', 5, of4)).toMatchObject({ groupId: 'g', topics: [{ name: 't', partitions: [2] }] });
  });

  it('Metadata v7 is v6; v8 adds the two authorized-operations flags', async () => {
    const v6 = await kafkajsBody('metadata', 6, { topics: ['a'], allowAutoTopicCreation: false });
    expect(decodeBody('Metadata', 7, v6)).toMatchObject({ topics: [{ name: 'a' }], allowAutoTopicCreation: false });
    const v8 = Buffer.concat([v6, Buffer.from([1, 1])]);
    expect(decodeBody('Metadata', 8, v8)).toMatchObject({ topics: [{ name: 'a' }], includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true });
  });

  it('OffsetCommit v6 adds leader epochs, v7 the group instance id', () => {
    const body = (v: number): Buffer => {
      const w = PWriter.create().appendString('g', false).appendInt32(4).appendString('m', false);
      if (v === 7) w.appendString(null, false);
      return w.appendArray([0], (w) => w.appendString('t', false).appendArray([0], (w) => w.appendInt32(1).appendInt64(9n).appendInt32(6).appendString(null, false), false, false), false, false).buffer;
    };
    for (const v of [6, 7]) {
      expect(decodeBody('OffsetCommit', v, body(v))).toEqual({
        groupId: 'g', generationId: 4, memberId: 'm', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 't', topicId: '0'.repeat(32), partitions: [{ partition: 1, offset: 9, committedLeaderEpoch: 6, commitTimestamp: -1, metadata: null }] }],
      });
    }
  });
});

describe('robustness', () => {
  it('truncated frames fail with DecodeError, never read past the end', async () => {
    const frames = [
      await kafkajsRequestFrame('produce', 3, { acks: 1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ value: 'x' }] }] }] }),
      flexibleRequestFrame(3, 12, 5, platformaticBody(pk.metadataV12, ['abc', 'def'], true, true)),
    ];
    expect((await kafkajsRecordBatch({ messages: [{ value: 'x' }] })).length).toBeGreaterThan(0);
    for (const frame of frames) {
      for (let cut = 4; cut < frame.length; cut++) {
        const r = new Reader(frame.subarray(0, cut), 4);
        expect(() => {
          const h = decodeRequestHeader(r);
          const codec = API_BY_KEY.get(h.apiKey)!.codec(h.apiVersion)!;
          if (codec.flexible) r.skipTaggedFields();
          codec.decodeRequest(r);
        }).toThrow();
      }
    }
  });

  it('every implemented version of every API was decoded from client bytes above', () => {
    const missing: string[] = [];
    for (const e of API_BY_KEY.values()) {
      for (let v = e.minVersion; v <= e.maxVersion; v++) if (!covered.has(`${e.name}:${v}`)) missing.push(`${e.name} v${v}`);
    }
    expect(missing).toEqual([]);
  });
});
