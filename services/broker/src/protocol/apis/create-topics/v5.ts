// Generated from src/protocol/schema/create-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { CreateTopicsRequest, CreateTopicsResponse } from './types.ts';

/** CreateTopics v5: flexible (compact fields, tagged fields, request header v2). */
export const version = 5;
export const flexible = true;

export function decodeRequest(r: Reader): CreateTopicsRequest {
  return r.tagged({
    topics: r.compactArray((r) => r.tagged({
      name: r.compactString(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.compactArray((r) => r.tagged({ partition: r.int32(), brokerIds: r.compactArray((r) => r.int32()) })),
      configs: r.compactArray((r) => r.tagged({ name: r.compactString(), value: r.compactNullableString() })),
    })),
    timeoutMs: r.int32(),
    validateOnly: r.bool(),
  });
}

export function encodeResponse(w: Writer, res: CreateTopicsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.topics, (w, t) => {
    w.compactString(t.name);
    w.int16(t.errorCode);
    w.compactNullableString(t.errorMessage ?? null);
    w.int32(t.numPartitions ?? -1);
    w.int16(t.replicationFactor ?? -1);
    w.compactNullableArray(t.configs ?? [], (w, c) => {
      w.compactString(c.name);
      w.compactNullableString(c.value);
      w.bool(c.readOnly);
      w.int8(c.configSource ?? -1);
      w.bool(c.isSensitive);
      w.tagged();
    });
    w.tagged();
  });
  w.tagged();
}
