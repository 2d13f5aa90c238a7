// Generated from src/protocol/schema/offset-fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { OffsetFetchRequest, OffsetFetchResponse } from './types.ts';

/** OffsetFetch v9: flexible (compact fields, tagged fields, request header v2). */
export const version = 9;
export const flexible = true;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): OffsetFetchRequest {
  return r.tagged({
    groupId: '',
    topics: null,
    groups: r.compactArray((r) => r.tagged({
      groupId: r.compactString(),
      memberId: r.compactNullableString(),
      memberEpoch: r.int32(),
      topics: r.compactNullableArray((r) => r.tagged({ name: r.compactString(), topicId: ZERO_UUID, partitions: r.compactArray((r) => r.int32()) })),
    })),
    requireStable: r.bool(),
  });
}

export function encodeResponse(w: Writer, res: OffsetFetchResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.groups ?? [], (w, g) => {
    w.compactString(g.groupId);
    w.compactArray(g.topics, (w, t) => {
      w.compactString(t.name);
      w.compactArray(t.partitions, (w, p) => {
        w.int32(p.partition);
        w.int64(p.offset);
        w.int32(p.committedLeaderEpoch ?? -1);
        w.compactNullableString(p.metadata);
        w.int16(p.errorCode);
        w.tagged();
      });
      w.tagged();
    });
    w.int16(g.errorCode ?? 0);
    w.tagged();
  });
  w.tagged();
}
