/**
 * Request decoding, classic (non-flexible) versions: the bytes kafkajs's own
 * encoders write, at every version kafkajs implements.
 *
 * Called inside its describe block by codec-requests.test.ts: a module, not a
 * test file of its own, because that file's last test checks that the cases of
 * all three modules together decoded every implemented version, which needs
 * them in one file's run.
 */
import { expect, it } from 'vitest';
import { kafkajs, range } from '../support/request-decoding.ts';

export function classicVersions(): void {
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
}
