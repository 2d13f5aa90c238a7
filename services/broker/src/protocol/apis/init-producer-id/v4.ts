// Generated from src/protocol/schema/init-producer-id.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { InitProducerIdRequest, InitProducerIdResponse } from './types.ts';

/** InitProducerId v4: flexible (compact fields, tagged fields, request header v2). */
export const version = 4;
export const flexible = true;

export function decodeRequest(r: Reader): InitProducerIdRequest {
  return r.tagged({
    transactionalId: r.compactNullableString(),
    transactionTimeoutMs: r.int32(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
  });
}

export function encodeResponse(w: Writer, res: InitProducerIdResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.int64(res.producerId);
  w.int16(res.producerEpoch);
  w.tagged();
}
