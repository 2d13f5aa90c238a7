// Generated from src/protocol/schema/list-offsets.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types.ts';

/** ListOffsets v1. */
export const version = 1;
export const flexible = false;

export function decodeRequest(r: Reader): ListOffsetsRequest {
  return {
    replicaId: r.int32(),
    isolationLevel: 0,
    topics: r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ partition: r.int32(), currentLeaderEpoch: -1, timestamp: r.int64(), maxNumOffsets: 1 })),
    })),
    timeoutMs: 0,
  };
}

export function encodeResponse(w: Writer, res: ListOffsetsResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.timestamp ?? -1);
      w.int64(p.offset ?? -1);
    });
  });
}
