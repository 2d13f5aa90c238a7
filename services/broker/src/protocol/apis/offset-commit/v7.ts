// Generated from src/protocol/schema/offset-commit.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { OffsetCommitRequest, OffsetCommitResponse } from './types.ts';

/** OffsetCommit v7. */
export const version = 7;
export const flexible = false;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): OffsetCommitRequest {
  return {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: r.nullableString(),
    retentionTimeMs: -1,
    topics: r.array((r) => ({
      name: r.string(),
      topicId: ZERO_UUID,
      partitions: r.array((r) => ({
        partition: r.int32(),
        offset: r.int64(),
        committedLeaderEpoch: r.int32(),
        commitTimestamp: -1,
        metadata: r.nullableString(),
      })),
    })),
  };
}

export function encodeResponse(w: Writer, res: OffsetCommitResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
    });
  });
}
