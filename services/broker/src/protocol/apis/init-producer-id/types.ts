// Generated from src/protocol/schema/init-producer-id.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** InitProducerId request, decoded: every version's fields; a version without a field gets its default. */
export interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
  producerId: number;
  producerEpoch: number;
}

/** InitProducerId response: fields with a default may be left out (each version writes only its own fields). */
export interface InitProducerIdResponse {
  throttleTimeMs?: number;
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}
