// Generated from src/protocol/schema/delete-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from './types.ts';

/** DeleteTopics v4: flexible (compact fields, tagged fields, request header v2). */
export const version = 4;
export const flexible = true;

export function decodeRequest(r: Reader): DeleteTopicsRequest {
  return r.tagged({ topics: [], topicNames: r.compactArray((r) => r.compactString()), timeoutMs: r.int32() });
}

export function encodeResponse(w: Writer, res: DeleteTopicsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.topics, (w, t) => {
    w.compactString(t.name ?? '');
    w.int16(t.errorCode);
    w.tagged();
  });
  w.tagged();
}
