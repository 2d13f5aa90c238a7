import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface CreateTopicsRequest {
  topics: {
    name: string;
    numPartitions: number;
    replicationFactor: number;
    assignments: { partition: number; brokerIds: number[] }[];
    configs: { name: string; value: string | null }[];
  }[];
  timeoutMs: number;
}

export interface CreateTopicsResponse {
  topics: { name: string; errorCode: number }[];
}

export function decodeRequest(r: Reader): CreateTopicsRequest {
  const topics = r.array((r) => ({
    name: r.string(),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: r.array((r) => ({ partition: r.int32(), brokerIds: r.array((r) => r.int32()) })),
    configs: r.array((r) => ({ name: r.string(), value: r.nullableString() })),
  }));
  return { topics, timeoutMs: r.int32() };
}

export function encodeResponse(w: Writer, res: CreateTopicsResponse): void {
  w.array(res.topics, (w, t) => w.string(t.name).int16(t.errorCode));
}
