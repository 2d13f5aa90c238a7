/**
 * Request decoding, flexible versions: bodies @platformatic/kafka's writers
 * encode, in a header v2 frame; the versions it writes differently from Kafka
 * (or not at all) are built field by field with its writer.
 *
 * Called inside its describe block by codec-requests.test.ts: a module, not a
 * test file of its own, because that file's last test checks that the cases of
 * all three modules together decoded every implemented version, which needs
 * them in one file's run.
 */
import { expect, it } from 'vitest';
import * as pk from '@platformatic/kafka';
import { Reader } from '../../src/protocol/reader.ts';
import { decodeRequestHeader } from '../../src/protocol/header.ts';
import { kafkajsRequestFrame } from '../support/kafkajs-wire.ts';
import { PWriter, platformaticBody } from '../support/platformatic-wire.ts';
import { TOPIC_ID, TOPIC_ID_DASHED, decodeBody, flexible, range } from '../support/request-decoding.ts';

export function flexibleVersions(): void {
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
}
