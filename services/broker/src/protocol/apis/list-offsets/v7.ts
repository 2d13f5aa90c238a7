// Generated from src/protocol/schema/list-offsets.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types.ts';

/** ListOffsets v7: flexible (compact fields, tagged fields, request header v2). */
export const version = 7;
export const flexible = true;

export function decodeRequest(r: Reader): ListOffsetsRequest {
  return r.tagged({
    replicaId: r.int32(),
    isolationLevel: r.int8(),
    topics: r.compactArray((r) => r.tagged({
      name: r.compactString(),
      partitions: r.compactArray((r) => r.tagged({ partition: r.int32(), currentLeaderEpoch: r.int32(), timestamp: r.int64(), maxNumOffsets: 1 })),
    })),
    timeoutMs: 0,
  });
}

export function encodeResponse(w: Writer, res: ListOffsetsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.topics, (w, t) => {
    w.compactString(t.name);
    w.compactArray(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.timestamp ?? -1);
      w.int64(p.offset ?? -1);
      w.int32(p.leaderEpoch ?? -1);
      w.tagged();
    });
    w.tagged();
  });
  w.tagged();
}
