// Generated from src/protocol/schema/produce.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ProduceRequest, ProduceResponse } from './types.ts';

/** Produce v13: flexible (compact fields, tagged fields, request header v2). */
export const version = 13;
export const flexible = true;

export function decodeRequest(r: Reader): ProduceRequest {
  return r.tagged({
    transactionalId: r.compactNullableString(),
    acks: r.int16(),
    timeoutMs: r.int32(),
    topics: r.compactArray((r) => r.tagged({
      name: '',
      topicId: r.uuid(),
      partitions: r.compactArray((r) => r.tagged({ partition: r.int32(), records: r.compactNullableBytes() })),
    })),
  });
}

export function encodeResponse(w: Writer, res: ProduceResponse): void {
  w.compactArray(res.topics, (w, t) => {
    w.uuid(t.topicId);
    w.compactArray(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.baseOffset);
      w.int64(p.logAppendTimeMs ?? -1);
      w.int64(p.logStartOffset ?? -1);
      w.compactArray(p.recordErrors ?? [], (w, x) => {
        w.int32(x.batchIndex);
        w.compactNullableString(x.message);
        w.tagged();
      });
      w.compactNullableString(p.errorMessage ?? null);
      w.tagged();
    });
    w.tagged();
  });
  w.int32(res.throttleTimeMs ?? 0);
  w.tagged();
}
