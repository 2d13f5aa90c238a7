import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FetchRequest, FetchResponse } from './types.ts';

export function decodeRequest(r: Reader): FetchRequest {
  const replicaId = r.int32();
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  const isolationLevel = r.int8();
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), fetchOffset: r.int64(), maxBytes: r.int32() })),
  }));
  return { replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel, topics };
}

/** Records are referenced by the writer, not copied (see Writer.raw). */
export function encodeResponse(w: Writer, res: FetchResponse): void {
  w.int32(0); // throttle_time_ms
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.highWatermark).int64(p.lastStableOffset);
      w.int32(0); // aborted_transactions: empty (no transactions)
      w.nullableBytes(p.records);
    });
  });
}
