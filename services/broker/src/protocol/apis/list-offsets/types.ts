// Generated from src/protocol/schema/list-offsets.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** ListOffsets request, decoded: every version's fields; a version without a field gets its default. */
export interface ListOffsetsRequest {
  replicaId: number;
  isolationLevel: number;
  topics: {
    name: string;
    partitions: {
      partition: number;
      currentLeaderEpoch: number;
      timestamp: number;
      maxNumOffsets: number;
    }[];
  }[];
  timeoutMs: number;
}

/** ListOffsets response: fields with a default may be left out (each version writes only its own fields). */
export interface ListOffsetsResponse {
  throttleTimeMs?: number;
  topics: {
    name: string;
    partitions: {
      partition: number;
      errorCode: number;
      oldStyleOffsets?: number[];
      timestamp?: number;
      offset?: number;
      leaderEpoch?: number;
    }[];
  }[];
}
