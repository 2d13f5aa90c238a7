// Generated from src/protocol/schema/produce.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** Produce request, decoded: every version's fields; a version without a field gets its default. */
export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      records: Buffer | null;
    }[];
  }[];
}

/** Produce response: fields with a default may be left out (each version writes only its own fields). */
export interface ProduceResponse {
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      errorCode: number;
      baseOffset: number;
      logAppendTimeMs?: number;
      logStartOffset?: number;
      recordErrors?: {
        batchIndex: number;
        message: string | null;
      }[];
      errorMessage?: string | null;
    }[];
  }[];
  throttleTimeMs?: number;
}
