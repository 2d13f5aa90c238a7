/**
 * Request decoding of the versions neither client library encodes: built from
 * the nearest version Kafka's definitions call identical ("same as"), or field
 * by field with platformatic's writer.
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
import { kafkajsRequestFrame, type KafkajsApi } from '../support/kafkajs-wire.ts';
import { PWriter, platformaticBody } from '../support/platformatic-wire.ts';
import { decodeBody } from '../support/request-decoding.ts';

export function unencodedVersions(): void {
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
}
