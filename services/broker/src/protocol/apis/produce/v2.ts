// Generated from src/protocol/schema/produce.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ProduceRequest, ProduceResponse } from './types.ts';

/** Produce v2. */
export const version = 2;
export const flexible = false;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): ProduceRequest {
  return {
    transactionalId: null,
    acks: r.int16(),
    timeoutMs: r.int32(),
    topics: r.array((r) => ({
      name: r.string(),
      topicId: ZERO_UUID,
      partitions: r.array((r) => ({ partition: r.int32(), records: r.nullableBytes() })),
    })),
  };
}

export function encodeResponse(w: Writer, res: ProduceResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.baseOffset);
      w.int64(p.logAppendTimeMs ?? -1);
    });
  });
  w.int32(res.throttleTimeMs ?? 0);
}
