// Generated from src/protocol/schema/offset-fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { OffsetFetchRequest, OffsetFetchResponse } from './types.ts';

/** OffsetFetch v6: flexible (compact fields, tagged fields, request header v2). */
export const version = 6;
export const flexible = true;

export function decodeRequest(r: Reader): OffsetFetchRequest {
  return r.tagged({
    groupId: r.compactString(),
    topics: r.compactNullableArray((r) => r.tagged({ name: r.compactString(), partitions: r.compactArray((r) => r.int32()) })),
    groups: [],
    requireStable: false,
  });
}

export function encodeResponse(w: Writer, res: OffsetFetchResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.topics ?? [], (w, t) => {
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
  w.int16(res.errorCode ?? 0);
  w.tagged();
}
