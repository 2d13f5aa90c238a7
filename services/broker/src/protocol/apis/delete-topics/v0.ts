// Generated from src/protocol/schema/delete-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from './types.ts';

/** DeleteTopics v0. */
export const version = 0;
export const flexible = false;

export function decodeRequest(r: Reader): DeleteTopicsRequest {
  return { topics: [], topicNames: r.array((r) => r.string()), timeoutMs: r.int32() };
}

export function encodeResponse(w: Writer, res: DeleteTopicsResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name ?? '');
    w.int16(t.errorCode);
  });
}
