// Generated from src/protocol/schema/offset-commit.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** OffsetCommit request, decoded: every version's fields; a version without a field gets its default. */
export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  retentionTimeMs: number;
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      offset: number;
      committedLeaderEpoch: number;
      commitTimestamp: number;
      metadata: string | null;
    }[];
  }[];
}

/** OffsetCommit response: fields with a default may be left out (each version writes only its own fields). */
export interface OffsetCommitResponse {
  throttleTimeMs?: number;
  topics: {
    name: string;
    topicId: string;
    partitions: {
      partition: number;
      errorCode: number;
    }[];
  }[];
}
