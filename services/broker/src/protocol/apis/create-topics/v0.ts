// Generated from src/protocol/schema/create-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { CreateTopicsRequest, CreateTopicsResponse } from './types.ts';

/** CreateTopics v0. */
export const version = 0;
export const flexible = false;

export function decodeRequest(r: Reader): CreateTopicsRequest {
  return {
    topics: r.array((r) => ({
      name: r.string(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((r) => ({ partition: r.int32(), brokerIds: r.array((r) => r.int32()) })),
      configs: r.array((r) => ({ name: r.string(), value: r.nullableString() })),
    })),
    timeoutMs: r.int32(),
    validateOnly: false,
  };
}

export function encodeResponse(w: Writer, res: CreateTopicsResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.int16(t.errorCode);
  });
}
