/**
 * Response encoding against kafkajs's own decoders: every response version
 * this broker writes must decode, field for field, the way a real kafkajs
 * client reads it.
 */
import { describe, expect, it } from 'vitest';
import { Writer } from '../src/protocol/writer.ts';
import { API } from '../src/protocol/apis/index.ts';
import type { ApiCodec } from '../src/protocol/apis/codec.ts';
import { kafkajsDecodeResponse, kafkajsRecordBatch, type KafkajsApi } from './support/kafkajs-wire.ts';

async function roundTrip(api: KafkajsApi, codec: ApiCodec<unknown, unknown>, version: number, res: unknown) {
  const w = new Writer(16);
  codec.encodeResponse(w, res);
  return kafkajsDecodeResponse(api, version, w.toBuffer());
}

const metadata = {
  brokers: [{ nodeId: 0, host: '127.0.0.1', port: 9092, rack: null }],
  clusterId: 'cluster-x',
  controllerId: 0,
  topics: [{ errorCode: 0, name: 't', isInternal: false, partitions: [{ errorCode: 0, partition: 0, leader: 0, replicas: [0], isr: [0] }] }],
};

describe('response encoders read by kafkajs decoders', () => {
  it('ApiVersions v0..v2', async () => {
    for (const v of [0, 1, 2] as const) {
      const out = await roundTrip('apiVersions', API.ApiVersions.versions[v], v, { errorCode: 0, apiKeys: [{ apiKey: 3, minVersion: 1, maxVersion: 4 }] });
      expect(out).toMatchObject({ errorCode: 0, apiVersions: [{ apiKey: 3, minVersion: 1, maxVersion: 4 }] });
      if (v > 0) expect(out.throttleTime).toBe(0);
    }
  });

  it('Metadata v1..v4', async () => {
    for (const v of [1, 2, 3, 4] as const) {
      const out = await roundTrip('metadata', API.Metadata.versions[v], v, metadata);
      expect(out).toMatchObject({
        brokers: [{ nodeId: 0, host: '127.0.0.1', port: 9092 }],
        controllerId: 0,
        topicMetadata: [{ topicErrorCode: 0, topic: 't', isInternal: false, partitionMetadata: [{ partitionErrorCode: 0, partitionId: 0, leader: 0, replicas: [0], isr: [0] }] }],
      });
      if (v >= 2) expect(out.clusterId).toBe('cluster-x');
    }
  });

  it('Produce v3', async () => {
    const out = await roundTrip('produce', API.Produce.versions[3], 3, {
      topics: [{ name: 't', partitions: [{ partition: 1, errorCode: 0, baseOffset: 2 ** 40 + 5, logAppendTimeMs: -1 }] }],
    });
    expect(out).toMatchObject({ topics: [{ topicName: 't', partitions: [{ partition: 1, errorCode: 0, baseOffset: String(2 ** 40 + 5), logAppendTime: '-1' }] }], throttleTime: 0 });
  });

  it('Fetch v4 carries stored batches byte for byte', async () => {
    const batch = await kafkajsRecordBatch({ messages: [{ key: 'k', value: 'v', headers: { a: 'b' }, timestamp: 1_700_000_000_000 }, { value: 'w', timestamp: 1_700_000_000_001 }], firstOffset: 10 });
    const out = (await roundTrip('fetch', API.Fetch.versions[4], 4, {
      topics: [{ name: 't', partitions: [{ partition: 0, errorCode: 0, highWatermark: 12, lastStableOffset: 12, records: batch }] }],
    })) as { responses: { topicName: string; partitions: { highWatermark: string; lastStableOffset: string; abortedTransactions: unknown[]; messages: { offset: string; key: Buffer | null; value: Buffer; timestamp: string; headers: Record<string, Buffer> }[] }[] }[] };
    const p = out.responses[0]!.partitions[0]!;
    expect(p).toMatchObject({ highWatermark: '12', lastStableOffset: '12', abortedTransactions: [] });
    expect(p.messages.map((m) => [m.offset, m.key?.toString() ?? null, m.value.toString(), m.timestamp, m.headers.a?.toString()])).toEqual([
      ['10', 'k', 'v', '1700000000000', 'b'],
      ['11', null, 'w', '1700000000001', undefined],
    ]);
  });

  it('ListOffsets v1', async () => {
    const out = await roundTrip('listOffsets', API.ListOffsets.versions[1], 1, {
      topics: [{ name: 't', partitions: [{ partition: 0, errorCode: 0, timestamp: 1_700_000_000_000, offset: 7 }] }],
    });
    expect(out).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0, timestamp: '1700000000000', offset: '7' }] }] });
  });

  it('group APIs: FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup', async () => {
    expect(await roundTrip('findCoordinator', API.FindCoordinator.versions[0], 0, { errorCode: 0, nodeId: 0, host: 'h', port: 1 })).toMatchObject({ errorCode: 0, coordinator: { nodeId: 0, host: 'h', port: 1 } });
    expect(
      await roundTrip('joinGroup', API.JoinGroup.versions[1], 1, { errorCode: 0, generationId: 3, protocolName: 'RoundRobinAssigner', leaderId: 'm1', memberId: 'm1', members: [{ memberId: 'm1', metadata: Buffer.from([9]) }] }),
    ).toMatchObject({ errorCode: 0, generationId: 3, groupProtocol: 'RoundRobinAssigner', leaderId: 'm1', memberId: 'm1', members: [{ memberId: 'm1', memberMetadata: Buffer.from([9]) }] });
    expect(await roundTrip('syncGroup', API.SyncGroup.versions[0], 0, { errorCode: 0, assignment: Buffer.from('as') })).toMatchObject({ errorCode: 0, memberAssignment: Buffer.from('as') });
    expect(await roundTrip('heartbeat', API.Heartbeat.versions[0], 0, { errorCode: 0 })).toMatchObject({ errorCode: 0 });
    expect(await roundTrip('leaveGroup', API.LeaveGroup.versions[0], 0, { errorCode: 0 })).toMatchObject({ errorCode: 0 });
  });

  it('offsets and group listing: OffsetCommit, OffsetFetch, DescribeGroups, ListGroups', async () => {
    expect(await roundTrip('offsetCommit', API.OffsetCommit.versions[2], 2, { topics: [{ name: 't', partitions: [{ partition: 0, errorCode: 0 }] }] })).toMatchObject({
      responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0 }] }],
    });
    expect(
      await roundTrip('offsetFetch', API.OffsetFetch.versions[1], 1, { topics: [{ name: 't', partitions: [{ partition: 0, offset: -1, metadata: '', errorCode: 0 }, { partition: 1, offset: 5, metadata: null, errorCode: 0 }] }] }),
    ).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, offset: '-1', metadata: '', errorCode: 0 }, { partition: 1, offset: '5', metadata: null, errorCode: 0 }] }] });
    expect(
      await roundTrip('describeGroups', API.DescribeGroups.versions[0], 0, {
        groups: [{ errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'rr', members: [{ memberId: 'm', clientId: 'c', clientHost: '/127.0.0.1', metadata: Buffer.from([1]), assignment: Buffer.from([2]) }] }],
      }),
    ).toMatchObject({ groups: [{ errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'rr', members: [{ memberId: 'm', clientId: 'c', clientHost: '/127.0.0.1', memberMetadata: Buffer.from([1]), memberAssignment: Buffer.from([2]) }] }] });
    expect(await roundTrip('listGroups', API.ListGroups.versions[0], 0, { errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer' }] })).toMatchObject({
      errorCode: 0,
      groups: [{ groupId: 'g', protocolType: 'consumer' }],
    });
  });

  it('admin: CreateTopics, DeleteTopics, InitProducerId', async () => {
    expect(await roundTrip('createTopics', API.CreateTopics.versions[0], 0, { topics: [{ name: 'a', errorCode: 0 }] })).toMatchObject({ topicErrors: [{ topic: 'a', errorCode: 0 }] });
    expect(await roundTrip('deleteTopics', API.DeleteTopics.versions[0], 0, { topics: [{ name: 'a', errorCode: 0 }] })).toMatchObject({ topicErrors: [{ topic: 'a', errorCode: 0 }] });
    expect(await roundTrip('initProducerId', API.InitProducerId.versions[0], 0, { errorCode: 0, producerId: 4001, producerEpoch: 0 })).toMatchObject({ errorCode: 0, producerId: '4001', producerEpoch: 0 });
  });
});
