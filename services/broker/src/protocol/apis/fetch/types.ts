// Generated from src/protocol/schema/fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** Fetch request, decoded: every version's fields; a version without a field gets its default. */
export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  sessionId: number;
  sessionEpoch: number;
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      currentLeaderEpoch: number;
      fetchOffset: number;
      lastFetchedEpoch: number;
      logStartOffset: number;
      maxBytes: number;
    }[];
  }[];
  forgottenTopics: {
    name: string;
    topicId: string;
    partitions: number[];
  }[];
  rackId: string;
}

/** Fetch response: fields with a default may be left out (each version writes only its own fields). */
export interface FetchResponse {
  throttleTimeMs?: number;
  errorCode?: number;
  sessionId?: number;
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      errorCode: number;
      highWatermark: number;
      lastStableOffset?: number;
      logStartOffset?: number;
      abortedTransactions?: {
        producerId: number;
        firstOffset: number;
      }[] | null;
      preferredReadReplica?: number;
      records: Buffer | null;
    }[];
  }[];
}
