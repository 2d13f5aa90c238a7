import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface OffsetFetchRequest {
  groupId: string;
  /** null (not valid before v2, tolerated) = every committed partition. */
  topics: { name: string; partitions: number[] }[] | null;
}

export interface OffsetFetchResponse {
  topics: {
    name: string;
    partitions: { partition: number; offset: number; metadata: string | null; errorCode: number }[];
  }[];
}

export function decodeRequest(r: Reader): OffsetFetchRequest {
  const groupId = r.string();
  const topics = r.nullableArray((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  return { groupId, topics };
}

export function encodeResponse(w: Writer, res: OffsetFetchResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.partition).int64(p.offset).nullableString(p.metadata).int16(p.errorCode));
  });
}
