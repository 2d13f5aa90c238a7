// Generated from src/protocol/schema/create-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** CreateTopics request, decoded: every version's fields; a version without a field gets its default. */
export interface CreateTopicsRequest {
  topics: {
    name: string;
    numPartitions: number;
    replicationFactor: number;
    assignments: {
      partition: number;
      brokerIds: number[];
    }[];
    configs: {
      name: string;
      value: string | null;
    }[];
  }[];
  timeoutMs: number;
  validateOnly: boolean;
}

/** CreateTopics response: fields with a default may be left out (each version writes only its own fields). */
export interface CreateTopicsResponse {
  throttleTimeMs?: number;
  topics: {
    name: string;
    topicId: string;
    errorCode: number;
    errorMessage?: string | null;
    numPartitions?: number;
    replicationFactor?: number;
    configs?: {
      name: string;
      value: string | null;
      readOnly: boolean;
      configSource?: number;
      isSensitive: boolean;
    }[] | null;
  }[];
}
