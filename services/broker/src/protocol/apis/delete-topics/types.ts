// Generated from src/protocol/schema/delete-topics.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** DeleteTopics request, decoded: every version's fields; a version without a field gets its default. */
export interface DeleteTopicsRequest {
  topics: {
    name: string | null;
    topicId: string;
  }[];
  topicNames: string[];
  timeoutMs: number;
}

/** DeleteTopics response: fields with a default may be left out (each version writes only its own fields). */
export interface DeleteTopicsResponse {
  throttleTimeMs?: number;
  topics: {
    name: string | null;
    topicId: string;
    errorCode: number;
    errorMessage?: string | null;
  }[];
}
