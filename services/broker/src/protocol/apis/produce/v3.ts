import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ProduceRequest, ProduceResponse } from './types.ts';

/** The record set stays a view into the request frame: storage appends it as received. */
export function decodeRequest(r: Reader): ProduceRequest {
  const transactionalId = r.nullableString();
  const acks = r.int16();
  const timeoutMs = r.int32();
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), records: r.nullableBytes() })),
  }));
  return { transactionalId, acks, timeoutMs, topics };
}

export function encodeResponse(w: Writer, res: ProduceResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.partition).int16(p.errorCode).int64(p.baseOffset).int64(p.logAppendTimeMs));
  });
  w.int32(0); // throttle_time_ms
}
