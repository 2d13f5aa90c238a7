/**
 * Response encoding against real clients' decoders: every version of every
 * API this broker answers is read by another implementation (kafkajs for the
 * classic versions, @platformatic/kafka for the flexible ones, which must
 * also read it to the last byte) and must say what we meant. Versions neither
 * library reads are read with the decoder of the version Kafka's definitions
 * call identical, or compared byte for byte with the layout written out here
 * field by field from those definitions.
 */
import { describe, expect, it } from 'vitest';
import * as pk from '@platformatic/kafka';
import { Writer } from '../src/protocol/writer.ts';
import { API, API_BY_KEY, type ApiName } from '../src/protocol/apis/index.ts';
import { kafkajsDecodeResponse, kafkajsRecordBatch, type KafkajsApi } from './support/kafkajs-wire.ts';
import { PWriter, platformaticParse } from './support/platformatic-wire.ts';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const TOPIC_ID_DASHED = '01234567-89ab-cdef-0123-456789abcdef';
const covered = new Set<string>();
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function encode(name: ApiName, version: number, res: unknown): Buffer {
  const codec = API_BY_KEY.get(API[name].key)!.codec(version);
  expect(codec, `${name} v${version} has a codec`).toBeDefined();
  const w = new Writer(16);
  codec!.encodeResponse(w, res);
  covered.add(`${name}:${version}`);
  return w.toBuffer();
}

function kafkajs(api: KafkajsApi, name: ApiName, version: number, res: unknown): Promise<Record<string, unknown>> {
  return kafkajsDecodeResponse(api, version, encode(name, version, res));
}

type PkApi = Parameters<typeof platformaticParse>[0];

/**
 * Read by platformatic's parser for `readAs` (default: the same version), to
 * the end: its parsers leave only the top-level tagged-field section of a
 * flexible body to the connection, which must then be empty (this broker
 * sends no tagged fields).
 */
function platformatic(mod: PkApi, name: ApiName, version: number, res: unknown, readAs = version, trailing = Buffer.from([0])): Record<string, unknown> {
  const body = encode(name, version, res);
  const { response, unread } = platformaticParse(mod, API[name].key, readAs, body);
  const flexible = API_BY_KEY.get(API[name].key)!.codec(version)!.flexible;
  expect(body.subarray(body.length - unread), `${name} v${version} read to the end`).toEqual(flexible ? trailing : Buffer.alloc(0));
  if (flexible) expect(body[body.length - 1], 'no top-level tagged fields').toBe(0);
  return response;
}

const broker = { nodeId: 0, host: '127.0.0.1', port: 9092, rack: null };
const metadata = {
  brokers: [broker],
  clusterId: 'cluster-x',
  controllerId: 0,
  topics: [{ errorCode: 0, name: 't', topicId: TOPIC_ID, isInternal: false, partitions: [{ errorCode: 0, partition: 0, leader: 0, leaderEpoch: 0, replicas: [0], isr: [0] }] }],
};

describe('Produce and Fetch', () => {
  it('Produce v0..v7 (kafkajs), v8..v11 and v12 as v11 (platformatic), v13 by layout', () => {
    const res = (v: number) => ({
      topics: [{ name: 't', topicId: TOPIC_ID, partitions: [{ partition: 1, errorCode: v === 8 ? 10 : 0, baseOffset: 2 ** 40 + 5, logStartOffset: 3, errorMessage: v === 8 ? 'too big' : null }] }],
    });
    return (async () => {
      for (const v of range(0, 7)) {
        // kafkajs names the base offset "offset" in v0..v2.
        const offset = v <= 2 ? { offset: String(2 ** 40 + 5) } : { baseOffset: String(2 ** 40 + 5) };
        expect(await kafkajs('produce', 'Produce', v, res(v))).toMatchObject({ topics: [{ topicName: 't', partitions: [{ partition: 1, errorCode: 0, ...offset }] }] });
      }
      const mods = { 8: pk.produceV8, 9: pk.produceV9, 10: pk.produceV10, 11: pk.produceV11, 12: pk.produceV11 } as const;
      for (const v of range(8, 12)) {
        const out = platformatic(mods[v as keyof typeof mods], 'Produce', v, res(v), Math.min(v, 11));
        expect(out).toMatchObject({ responses: [{ name: 't', partitionResponses: [{ index: 1, errorCode: v === 8 ? 10 : 0, baseOffset: BigInt(2 ** 40 + 5), logAppendTimeMs: -1n, logStartOffset: 3n, recordErrors: [], errorMessage: v === 8 ? 'too big' : null }] }], throttleTimeMs: 0 });
      }
      const want = PWriter.create()
        .appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray([0], (w) => w.appendInt32(1).appendInt16(0).appendInt64(BigInt(2 ** 40 + 5)).appendInt64(-1n).appendInt64(3n).appendArray([], () => {}).appendString(null)))
        .appendInt32(0)
        .appendTaggedFields().buffer;
      expect(encode('Produce', 13, res(13))).toEqual(want);
    })();
  });

  it('Fetch v0..v3 (kafkajs) carries message sets (the handler converts stored batches to them)', async () => {
    const { writeMessageSet } = await import('../src/protocol/message-sets/legacy.ts');
    for (const v of range(0, 3)) {
      const magic = v >= 2 ? 1 : 0;
      const set = writeMessageSet([{ offset: 10, timestamp: 1_700_000_000_000, logAppendTime: false, key: Buffer.from('k'), value: Buffer.from('v') }], magic);
      const out = (await kafkajs('fetch', 'Fetch', v, { topics: [{ name: 't', topicId: TOPIC_ID, partitions: [{ partition: 0, errorCode: 0, highWatermark: 11, records: set }] }] })) as {
        responses: { partitions: { highWatermark: string; messages: { offset: string; key: Buffer; value: Buffer; timestamp?: string; magicByte: number }[] }[] }[];
      };
      const p = out.responses[0]!.partitions[0]!;
      expect(p.highWatermark).toBe('11');
      expect(p.messages.map((m) => [m.offset, m.key.toString(), m.value.toString(), m.magicByte])).toEqual([['10', 'k', 'v', magic]]);
      if (magic === 1) expect(p.messages[0]!.timestamp).toBe('1700000000000');
    }
  });

  it('Fetch v4..v11 (kafkajs) carries stored batches byte for byte', async () => {
    const batch = await kafkajsRecordBatch({ messages: [{ key: 'k', value: 'v', headers: { a: 'b' }, timestamp: 1_700_000_000_000 }, { value: 'w', timestamp: 1_700_000_000_001 }], firstOffset: 10 });
    for (const v of range(4, 11)) {
      const out = (await kafkajs('fetch', 'Fetch', v, {
        topics: [{ name: 't', topicId: TOPIC_ID, partitions: [{ partition: 0, errorCode: 0, highWatermark: 12, lastStableOffset: 12, logStartOffset: 2, records: batch }] }],
      })) as { responses: { topicName: string; partitions: { highWatermark: string; lastStableOffset: string; messages: { offset: string; key: Buffer | null; value: Buffer; headers: Record<string, Buffer> }[] }[] }[] };
      const p = out.responses[0]!.partitions[0]!;
      expect(p).toMatchObject({ highWatermark: '12', lastStableOffset: '12' });
      expect(p.messages.map((m) => [m.offset, m.key?.toString() ?? null, m.value.toString(), m.headers.a?.toString()])).toEqual([
        ['10', 'k', 'v', 'b'],
        ['11', null, 'w', undefined],
      ]);
    }
  });

  it('Fetch v12..v17 (platformatic) and v18 as v17, with names (v12) or topic ids (v13+)', async () => {
    const batch = await kafkajsRecordBatch({ messages: [{ key: 'k', value: 'v', timestamp: 1_700_000_000_000 }], firstOffset: 4 });
    const mods = { 12: pk.fetchV12, 13: pk.fetchV13, 14: pk.fetchV14, 15: pk.fetchV15, 16: pk.fetchV16, 17: pk.fetchV17, 18: pk.fetchV17 } as const;
    for (const v of range(12, 18)) {
      const out = platformatic(mods[v as keyof typeof mods], 'Fetch', v, {
        errorCode: 0,
        sessionId: 0,
        topics: [{ name: 't', topicId: TOPIC_ID, partitions: [{ partition: 0, errorCode: 0, highWatermark: 5, lastStableOffset: 5, logStartOffset: 0, records: batch }] }],
      }, Math.min(v, 17)) as { responses: { topicId?: string; topic?: string; partitions: { highWatermark: bigint; records?: { firstOffset: bigint; records: { value: Buffer }[] }[] }[] }[] };
      const t = out.responses[0]!;
      if (v >= 13) expect(t.topicId).toBe(TOPIC_ID_DASHED);
      expect(t.partitions[0]!.highWatermark).toBe(5n);
      expect(t.partitions[0]!.records![0]!.firstOffset).toBe(4n);
      expect(t.partitions[0]!.records![0]!.records[0]!.value.toString()).toBe('v');
    }
  });

  it('Fetch answers a session error at the top level (v7+)', async () => {
    const out = (await kafkajs('fetch', 'Fetch', 11, { errorCode: 70, sessionId: 0, topics: [] })) as { errorCode: number; sessionId: number; responses: unknown[] };
    expect(out).toMatchObject({ errorCode: 70, sessionId: 0, responses: [] });
  });
});

describe('ListOffsets, Metadata', () => {
  it('ListOffsets v0 (a list of offsets), v1..v3 (kafkajs), v4..v9 (platformatic, v4 as v5), v10..v11 as v9', async () => {
    const res = { topics: [{ name: 't', partitions: [{ partition: 0, errorCode: 0, oldStyleOffsets: [7], timestamp: 1_700_000_000_000, offset: 7, leaderEpoch: 0 }] }] };
    expect(await kafkajs('listOffsets', 'ListOffsets', 0, res)).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0, offsets: ['7'] }] }] });
    for (const v of range(1, 3)) {
      expect(await kafkajs('listOffsets', 'ListOffsets', v, res)).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0, timestamp: '1700000000000', offset: '7' }] }] });
    }
    const mods = { 5: pk.listOffsetsV5, 6: pk.listOffsetsV6, 7: pk.listOffsetsV7, 8: pk.listOffsetsV8, 9: pk.listOffsetsV9 } as const;
    for (const v of range(4, 11)) {
      const readAs = Math.min(Math.max(v, 5), 9) as keyof typeof mods;
      expect(platformatic(mods[readAs], 'ListOffsets', v, res, readAs)).toMatchObject({
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: 1_700_000_000_000n, offset: 7n, leaderEpoch: 0 }] }],
      });
    }
  });

  it('Metadata v0..v6 (kafkajs), v9..v12 (platformatic), v7, v8 and v13 by layout', async () => {
    for (const v of range(0, 6)) {
      const out = await kafkajs('metadata', 'Metadata', v, metadata);
      expect(out).toMatchObject({
        brokers: [{ nodeId: 0, host: '127.0.0.1', port: 9092 }],
        topicMetadata: [{ topicErrorCode: 0, topic: 't', partitionMetadata: [{ partitionErrorCode: 0, partitionId: 0, leader: 0, replicas: [0], isr: [0] }] }],
      });
      if (v >= 1) expect(out.controllerId).toBe(0);
      if (v >= 2) expect(out.clusterId).toBe('cluster-x');
    }
    const mods = { 9: pk.metadataV9, 10: pk.metadataV10, 11: pk.metadataV11, 12: pk.metadataV12 } as const;
    for (const v of range(9, 12)) {
      // platformatic reads one byte for cluster_authorized_operations at v9..v11: at v9/v10 (an int32
      // there) 3 of its bytes and the tag section stay unread; at v11 (gone there) it eats the tag section.
      const trailing = v <= 10 ? Buffer.from([0, 0, 0, 0]) : v === 11 ? Buffer.alloc(0) : Buffer.from([0]);
      const out = platformatic(mods[v as keyof typeof mods], 'Metadata', v, metadata, v, trailing);
      expect(out).toMatchObject({ brokers: [{ nodeId: 0, host: '127.0.0.1', port: 9092, rack: null }], clusterId: 'cluster-x', controllerId: 0 });
      expect(out.topics).toMatchObject([{ errorCode: 0, name: 't', isInternal: false, partitions: [{ partitionIndex: 0, leaderId: 0, leaderEpoch: 0, replicaNodes: [0], isrNodes: [0], offlineReplicas: [] }] }]);
      if (v >= 10) expect((out.topics as { topicId: string }[])[0]!.topicId).toBe(TOPIC_ID_DASHED);
    }
    // v7 adds the leader epoch, v8 authorized operations (topic and cluster): classic encodings.
    for (const v of [7, 8]) {
      const w = PWriter.create()
        .appendInt32(0)
        .appendArray([0], (w) => w.appendInt32(0).appendString('127.0.0.1', false).appendInt32(9092).appendString(null, false), false, false)
        .appendString('cluster-x', false)
        .appendInt32(0)
        .appendArray([0], (w) => {
          w.appendInt16(0).appendString('t', false).appendBoolean(false);
          w.appendArray([0], (w) => w.appendInt16(0).appendInt32(0).appendInt32(0).appendInt32(0).appendArray([0], (w, n) => w.appendInt32(n), false, false).appendArray([0], (w, n) => w.appendInt32(n), false, false).appendArray([], () => {}, false, false), false, false);
          if (v === 8) w.appendInt32(-2147483648);
        }, false, false);
      if (v === 8) w.appendInt32(-2147483648);
      expect(encode('Metadata', v, metadata)).toEqual(w.buffer);
    }
    // v13 is v12 plus a top-level error code.
    const v12 = encode('Metadata', 12, metadata);
    expect(encode('Metadata', 13, { ...metadata, errorCode: 0 })).toEqual(Buffer.concat([v12.subarray(0, v12.length - 1), Buffer.from([0, 0, 0])]));
  });
});

describe('consumer groups', () => {
  it('OffsetCommit v0..v5 (kafkajs), v6..v7 as v5, v8..v9 (platformatic), v10 by layout', async () => {
    const res = { topics: [{ name: 't', topicId: TOPIC_ID, partitions: [{ partition: 0, errorCode: 0 }, { partition: 1, errorCode: 3 }] }] };
    for (const v of range(0, 7)) {
      const out = await kafkajsDecodeResponse('offsetCommit', Math.min(v, 5), encode('OffsetCommit', v, res));
      expect(out).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0 }, { partition: 1, errorCode: 3 }] }] });
    }
    for (const v of [8, 9]) {
      expect(platformatic(v === 8 ? pk.offsetCommitV8 : pk.offsetCommitV9, 'OffsetCommit', v, res)).toMatchObject({ topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 3 }] }] });
    }
    const want = PWriter.create()
      .appendInt32(0)
      .appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray([0, 1], (w, p) => w.appendInt32(p).appendInt16(p === 0 ? 0 : 3)))
      .appendTaggedFields().buffer;
    expect(encode('OffsetCommit', 10, res)).toEqual(want);
  });

  it('OffsetFetch v0 as v1, v1..v4 (kafkajs), v5..v7 by layout, v8..v9 (platformatic), v10 by layout', async () => {
    const partitions = [{ partition: 0, offset: -1, metadata: '', errorCode: 0 }, { partition: 1, offset: 5, metadata: null, errorCode: 0 }];
    const single = { topics: [{ name: 't', partitions }], errorCode: 0 };
    for (const v of range(0, 4)) {
      expect(await kafkajsDecodeResponse('offsetFetch', Math.max(v, 1), encode('OffsetFetch', v, single))).toMatchObject({
        responses: [{ topic: 't', partitions: [{ partition: 0, offset: '-1', metadata: '', errorCode: 0 }, { partition: 1, offset: '5', metadata: null, errorCode: 0 }] }],
      });
    }
    for (const v of [5, 6, 7]) {
      const flex = v >= 6;
      const w = PWriter.create().appendInt32(0);
      w.appendArray([0], (w) => w.appendString('t', flex).appendArray(partitions, (w, p) => w.appendInt32(p.partition).appendInt64(BigInt(p.offset)).appendInt32(-1).appendString(p.metadata, flex).appendInt16(0), flex, flex), flex, flex);
      w.appendInt16(0);
      if (flex) w.appendTaggedFields();
      expect(encode('OffsetFetch', v, single)).toEqual(w.buffer);
    }
    const batched = { groups: [{ groupId: 'g', topics: [{ name: 't', topicId: TOPIC_ID, partitions }], errorCode: 0 }] };
    for (const v of [8, 9]) {
      expect(platformatic(v === 8 ? pk.offsetFetchV8 : pk.offsetFetchV9, 'OffsetFetch', v, batched)).toMatchObject({
        groups: [{ groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: -1n, metadata: '' }, { partitionIndex: 1, committedOffset: 5n, metadata: null }] }], errorCode: 0 }],
      });
    }
    const want = PWriter.create()
      .appendInt32(0)
      .appendArray([0], (w) => w.appendString('g').appendArray([0], (w) => w.appendUUID(TOPIC_ID).appendArray(partitions, (w, p) => w.appendInt32(p.partition).appendInt64(BigInt(p.offset)).appendInt32(-1).appendString(p.metadata).appendInt16(0))).appendInt16(0))
      .appendTaggedFields().buffer;
    expect(encode('OffsetFetch', 10, batched)).toEqual(want);
  });

  it('FindCoordinator v0..v2 (kafkajs), v3 by layout, v4..v6 (platformatic, batched)', async () => {
    const res = { errorCode: 0, errorMessage: null, nodeId: 0, host: 'h', port: 1, coordinators: [{ key: 'g', nodeId: 0, host: 'h', port: 1, errorCode: 0, errorMessage: null }] };
    for (const v of range(0, 2)) expect(await kafkajs('findCoordinator', 'FindCoordinator', v, res)).toMatchObject({ errorCode: 0, coordinator: { nodeId: 0, host: 'h', port: 1 } });
    const v3 = PWriter.create().appendInt32(0).appendInt16(0).appendString(null).appendInt32(0).appendString('h').appendInt32(1).appendTaggedFields().buffer;
    expect(encode('FindCoordinator', 3, res)).toEqual(v3);
    const mods = { 4: pk.findCoordinatorV4, 5: pk.findCoordinatorV5, 6: pk.findCoordinatorV6 } as const;
    for (const v of range(4, 6)) {
      expect(platformatic(mods[v as keyof typeof mods], 'FindCoordinator', v, res)).toMatchObject({ coordinators: [{ key: 'g', nodeId: 0, host: 'h', port: 1, errorCode: 0 }] });
    }
  });

  it('JoinGroup v0..v5 (kafkajs), v6..v9 (platformatic)', async () => {
    const res = { errorCode: 0, generationId: 3, protocolType: 'consumer', protocolName: 'range', leaderId: 'm1', memberId: 'm1', members: [{ memberId: 'm1', metadata: Buffer.from([9]) }] };
    for (const v of range(0, 5)) {
      expect(await kafkajs('joinGroup', 'JoinGroup', v, res)).toMatchObject({ errorCode: 0, generationId: 3, groupProtocol: 'range', leaderId: 'm1', memberId: 'm1', members: [{ memberId: 'm1', memberMetadata: Buffer.from([9]) }] });
    }
    const mods = { 6: pk.joinGroupV6, 7: pk.joinGroupV7, 8: pk.joinGroupV8, 9: pk.joinGroupV9 } as const;
    for (const v of range(6, 9)) {
      const out = platformatic(mods[v as keyof typeof mods], 'JoinGroup', v, res);
      expect(out).toMatchObject({ errorCode: 0, generationId: 3, protocolName: 'range', leader: 'm1', memberId: 'm1', members: [{ memberId: 'm1', groupInstanceId: null, metadata: Buffer.from([9]) }] });
      if (v >= 7) expect(out.protocolType).toBe('consumer');
    }
  });

  it('SyncGroup v0..v3 (kafkajs), v4..v5 (platformatic); Heartbeat v0..v4; LeaveGroup v0..v5', async () => {
    const sync = { errorCode: 0, protocolType: 'consumer', protocolName: 'range', assignment: Buffer.from('as') };
    for (const v of range(0, 3)) expect(await kafkajs('syncGroup', 'SyncGroup', v, sync)).toMatchObject({ errorCode: 0, memberAssignment: Buffer.from('as') });
    for (const v of [4, 5]) {
      const out = platformatic(v === 4 ? pk.syncGroupV4 : pk.syncGroupV5, 'SyncGroup', v, sync);
      expect(out).toMatchObject({ errorCode: 0, assignment: Buffer.from('as') });
      if (v === 5) expect(out).toMatchObject({ protocolType: 'consumer', protocolName: 'range' });
    }
    for (const v of range(0, 3)) expect(await kafkajs('heartbeat', 'Heartbeat', v, { errorCode: 0 })).toMatchObject({ errorCode: 0 });
    expect(platformatic(pk.heartbeatV4, 'Heartbeat', 4, { errorCode: 0 })).toMatchObject({ errorCode: 0, throttleTimeMs: 0 });
    const leave = { errorCode: 0, members: [{ memberId: 'm', groupInstanceId: null, errorCode: 0 }] };
    for (const v of range(0, 3)) expect(await kafkajs('leaveGroup', 'LeaveGroup', v, leave)).toMatchObject({ errorCode: 0 });
    for (const v of [4, 5]) {
      expect(platformatic(v === 4 ? pk.leaveGroupV4 : pk.leaveGroupV5, 'LeaveGroup', v, leave)).toMatchObject({ errorCode: 0, members: [{ memberId: 'm', groupInstanceId: null, errorCode: 0 }] });
    }
  });

  it('DescribeGroups v0..v2 (kafkajs), v3..v4 by layout, v5 (platformatic), v6 by layout; ListGroups v0..v5', async () => {
    const member = { memberId: 'm', clientId: 'c', clientHost: '/127.0.0.1', metadata: Buffer.from([1]), assignment: Buffer.from([2]) };
    const res = { groups: [{ errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'rr', members: [member], authorizedOperations: 328 }] };
    for (const v of range(0, 2)) {
      expect(await kafkajs('describeGroups', 'DescribeGroups', v, res)).toMatchObject({
        groups: [{ errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'rr', members: [{ memberId: 'm', clientId: 'c', clientHost: '/127.0.0.1', memberMetadata: Buffer.from([1]), memberAssignment: Buffer.from([2]) }] }],
      });
    }
    const layout = (v: number): Buffer => {
      const flex = v >= 5;
      const w = PWriter.create().appendInt32(0);
      w.appendArray([0], (w) => {
        w.appendInt16(0);
        if (v >= 6) w.appendString(null);
        w.appendString('g', flex).appendString('Stable', flex).appendString('consumer', flex).appendString('rr', flex);
        w.appendArray([member], (w, m) => {
          w.appendString(m.memberId, flex);
          if (v >= 4) w.appendString(null, flex);
          w.appendString(m.clientId, flex).appendString(m.clientHost, flex).appendBytes(m.metadata, flex).appendBytes(m.assignment, flex);
        }, flex, flex);
        w.appendInt32(328);
      }, flex, flex);
      if (flex) w.appendTaggedFields();
      return w.buffer;
    };
    for (const v of [3, 4, 6]) expect(encode('DescribeGroups', v, res)).toEqual(layout(v));
    expect(platformatic(pk.describeGroupsV5, 'DescribeGroups', 5, res)).toMatchObject({
      groups: [{ errorCode: 0, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'rr', authorizedOperations: 328, members: [{ memberId: 'm', groupInstanceId: null, clientId: 'c' }] }],
    });

    const list = { errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }] };
    for (const v of range(0, 2)) expect(await kafkajs('listGroups', 'ListGroups', v, list)).toMatchObject({ errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer' }] });
    const v3 = PWriter.create().appendInt32(0).appendInt16(0).appendArray([0], (w) => w.appendString('g').appendString('consumer')).appendTaggedFields().buffer;
    expect(encode('ListGroups', 3, list)).toEqual(v3);
    expect(platformatic(pk.listGroupsV4, 'ListGroups', 4, list)).toMatchObject({ groups: [{ groupId: 'g', protocolType: 'consumer', groupState: 'Stable' }] });
    expect(platformatic(pk.listGroupsV5, 'ListGroups', 5, list)).toMatchObject({ groups: [{ groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }] });
  });
});

describe('ApiVersions and admin', () => {
  it('ApiVersions v0..v2 (kafkajs), v3..v4 (platformatic)', async () => {
    const res = { errorCode: 0, apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 13 }] };
    for (const v of range(0, 2)) {
      const out = await kafkajs('apiVersions', 'ApiVersions', v, res);
      expect(out).toMatchObject({ errorCode: 0, apiVersions: [{ apiKey: 3, minVersion: 0, maxVersion: 13 }] });
    }
    for (const v of [3, 4]) {
      expect(platformatic(v === 3 ? pk.apiVersionsV3 : pk.apiVersionsV4, 'ApiVersions', v, res)).toMatchObject({ errorCode: 0, apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 13 }], throttleTimeMs: 0 });
    }
  });

  it('CreateTopics v0..v3 and v4 as v3 (kafkajs), v5..v6 by layout, v7 (platformatic)', async () => {
    const res = { topics: [{ name: 'a', topicId: TOPIC_ID, errorCode: 37, errorMessage: 'Number of partitions must be larger than 0.', numPartitions: -1, replicationFactor: -1, configs: null }] };
    for (const v of range(0, 4)) {
      const out = await kafkajsDecodeResponse('createTopics', Math.min(v, 3), encode('CreateTopics', v, res)).catch((e: unknown) => e as { type?: string; errors?: unknown });
      // kafkajs's createTopics decoder throws on an error code: the error carries what it read.
      expect(JSON.stringify(out)).toMatch(/INVALID_PARTITIONS|37/);
    }
    const ok = { topics: [{ name: 'a', topicId: TOPIC_ID, errorCode: 0, errorMessage: null, numPartitions: 3, replicationFactor: 1, configs: [] }] };
    for (const v of [5, 6]) {
      const want = PWriter.create()
        .appendInt32(0)
        .appendArray([0], (w) => w.appendString('a').appendInt16(0).appendString(null).appendInt32(3).appendInt16(1).appendArray([], () => {}))
        .appendTaggedFields().buffer;
      expect(encode('CreateTopics', v, ok)).toEqual(want);
    }
    expect(platformatic(pk.createTopicsV7, 'CreateTopics', 7, ok)).toMatchObject({ topics: [{ name: 'a', topicId: TOPIC_ID_DASHED, errorCode: 0, errorMessage: null, numPartitions: 3, replicationFactor: 1, configs: [] }] });
  });

  it('DeleteTopics v0..v3 (kafkajs, v2..v3 as v1), v4..v5 by layout, v6 (platformatic)', async () => {
    const res = { topics: [{ name: 'a', topicId: TOPIC_ID, errorCode: 0, errorMessage: null }] };
    for (const v of range(0, 3)) expect(await kafkajsDecodeResponse('deleteTopics', Math.min(v, 1), encode('DeleteTopics', v, res))).toMatchObject({ topicErrors: [{ topic: 'a', errorCode: 0 }] });
    for (const v of [4, 5]) {
      const w = PWriter.create().appendInt32(0).appendArray([0], (w) => {
        w.appendString('a').appendInt16(0);
        if (v === 5) w.appendString(null);
      });
      expect(encode('DeleteTopics', v, res)).toEqual(w.appendTaggedFields().buffer);
    }
    expect(platformatic(pk.deleteTopicsV6, 'DeleteTopics', 6, res)).toMatchObject({ responses: [{ name: 'a', topicId: TOPIC_ID_DASHED, errorCode: 0, errorMessage: null }] });
  });

  it('InitProducerId v0..v1 (kafkajs), v2 as v3, v3..v5 (platformatic)', async () => {
    const res = { errorCode: 0, producerId: 4001, producerEpoch: 0 };
    for (const v of [0, 1]) expect(await kafkajs('initProducerId', 'InitProducerId', v, res)).toMatchObject({ errorCode: 0, producerId: '4001', producerEpoch: 0 });
    const mods = { 3: pk.initProducerIdV3, 4: pk.initProducerIdV4, 5: pk.initProducerIdV5 } as const;
    for (const v of range(2, 5)) {
      const readAs = Math.max(v, 3) as keyof typeof mods;
      expect(platformatic(mods[readAs], 'InitProducerId', v, res, readAs)).toMatchObject({ errorCode: 0, producerId: 4001n, producerEpoch: 0 });
    }
  });
});

describe('coverage', () => {
  it('every implemented version of every API was read by another implementation above', () => {
    const missing: string[] = [];
    for (const e of API_BY_KEY.values()) {
      for (let v = e.minVersion; v <= e.maxVersion; v++) if (!covered.has(`${e.name}:${v}`)) missing.push(`${e.name} v${v}`);
    }
    expect(missing).toEqual([]);
  });
});
