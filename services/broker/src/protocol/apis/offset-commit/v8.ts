// Generated from src/protocol/schema/offset-commit.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { OffsetCommitRequest, OffsetCommitResponse } from './types.ts';

/** OffsetCommit v8: flexible (compact fields, tagged fields, request header v2). */
export const version = 8;
export const flexible = true;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): OffsetCommitRequest {
  return r.tagged({
    groupId: r.compactString(),
    generationId: r.int32(),
    memberId: r.compactString(),
    groupInstanceId: r.compactNullableString(),
    retentionTimeMs: -1,
    topics: r.compactArray((r) => r.tagged({
      name: r.compactString(),
      topicId: ZERO_UUID,
      partitions: r.compactArray((r) => r.tagged({
        partition: r.int32(),
        offset: r.int64(),
        committedLeaderEpoch: r.int32(),
        commitTimestamp: -1,
        metadata: r.compactNullableString(),
      })),
    })),
  });
}

export function encodeResponse(w: Writer, res: OffsetCommitResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.topics, (w, t) => {
    w.compactString(t.name);
    w.compactArray(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.tagged();
    });
    w.tagged();
  });
  w.tagged();
}
