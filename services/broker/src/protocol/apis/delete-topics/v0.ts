import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface DeleteTopicsRequest {
  names: string[];
  timeoutMs: number;
}

export interface DeleteTopicsResponse {
  topics: { name: string; errorCode: number }[];
}

export function decodeRequest(r: Reader): DeleteTopicsRequest {
  return { names: r.array((r) => r.string()), timeoutMs: r.int32() };
}

export function encodeResponse(w: Writer, res: DeleteTopicsResponse): void {
  w.array(res.topics, (w, t) => w.string(t.name).int16(t.errorCode));
}
