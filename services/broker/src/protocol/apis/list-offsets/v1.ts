import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types.ts';

export function decodeRequest(r: Reader): ListOffsetsRequest {
  const replicaId = r.int32();
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), timestamp: r.int64() })),
  }));
  return { replicaId, topics };
}

export function encodeResponse(w: Writer, res: ListOffsetsResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.partition).int16(p.errorCode).int64(p.timestamp).int64(p.offset));
  });
}
