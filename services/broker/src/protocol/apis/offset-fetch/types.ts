// Generated from src/protocol/schema/offset-fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** OffsetFetch request, decoded: every version's fields; a version without a field gets its default. */
export interface OffsetFetchRequest {
  groupId: string;
  topics: {
    name: string;
    partitions: number[];
  }[] | null;
  groups: {
    groupId: string;
    memberId: string | null;
    memberEpoch: number;
    topics: {
      name: string;
      topicId: string;
      partitions: number[];
    }[] | null;
  }[];
  requireStable: boolean;
}

/** OffsetFetch response: fields with a default may be left out (each version writes only its own fields). */
export interface OffsetFetchResponse {
  throttleTimeMs?: number;
  topics?: {
    name: string;
    partitions: {
      partition: number;
      offset: number;
      committedLeaderEpoch?: number;
      metadata: string | null;
      errorCode: number;
    }[];
  }[];
  errorCode?: number;
  groups?: {
    groupId: string;
    topics: {
      name: string;
      topicId: string;
      partitions: {
        partition: number;
        offset: number;
        committedLeaderEpoch?: number;
        metadata: string | null;
        errorCode: number;
      }[];
    }[];
    errorCode?: number;
  }[];
}
