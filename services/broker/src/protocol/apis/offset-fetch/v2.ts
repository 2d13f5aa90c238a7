// Generated from src/protocol/schema/offset-fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { OffsetFetchRequest, OffsetFetchResponse } from './types.ts';

/** OffsetFetch v2. */
export const version = 2;
export const flexible = false;

export function decodeRequest(r: Reader): OffsetFetchRequest {
  return {
    groupId: r.string(),
    topics: r.nullableArray((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) })),
    groups: [],
    requireStable: false,
  };
}

export function encodeResponse(w: Writer, res: OffsetFetchResponse): void {
  w.array(res.topics ?? [], (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int64(p.offset);
      w.nullableString(p.metadata);
      w.int16(p.errorCode);
    });
  });
  w.int16(res.errorCode ?? 0);
}
