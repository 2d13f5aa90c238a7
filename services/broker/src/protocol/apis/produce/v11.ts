// Generated from src/protocol/schema/produce.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ProduceRequest, ProduceResponse } from './types.ts';

/** Produce v11: flexible (compact fields, tagged fields, request header v2). */
export const version = 11;
export const flexible = true;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): ProduceRequest {
  return r.tagged({
    transactionalId: r.compactNullableString(),
    acks: r.int16(),
    timeoutMs: r.int32(),
    topics: r.compactArray((r) => r.tagged({
      name: r.compactString(),
      topicId: ZERO_UUID,
      partitions: r.compactArray((r) => r.tagged({ partition: r.int32(), records: r.compactNullableBytes() })),
    })),
  });
}

export function encodeResponse(w: Writer, res: ProduceResponse): void {
  w.compactArray(res.topics, (w, t) => {
    w.compactString(t.name);
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
