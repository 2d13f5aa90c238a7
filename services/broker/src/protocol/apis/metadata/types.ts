// Generated from src/protocol/schema/metadata.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** Metadata request, decoded: every version's fields; a version without a field gets its default. */
export interface MetadataRequest {
  topics: {
    topicId: string;
    name: string | null;
  }[] | null;
  allowAutoTopicCreation: boolean;
  includeClusterAuthorizedOperations: boolean;
  includeTopicAuthorizedOperations: boolean;
}

/** Metadata response: fields with a default may be left out (each version writes only its own fields). */
export interface MetadataResponse {
  throttleTimeMs?: number;
  brokers: {
    nodeId: number;
    host: string;
    port: number;
    rack?: string | null;
  }[];
  clusterId?: string | null;
  controllerId?: number;
  topics: {
    errorCode: number;
    name: string | null;
    topicId: string;
    isInternal?: boolean;
    partitions: {
      errorCode: number;
      partition: number;
      leader: number;
      leaderEpoch?: number;
      replicas: number[];
      isr: number[];
      offlineReplicas?: number[];
    }[];
    topicAuthorizedOperations?: number;
  }[];
  clusterAuthorizedOperations?: number;
  errorCode?: number;
}
