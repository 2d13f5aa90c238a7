export interface MetadataRequest {
  /** null = all topics. */
  topics: string[] | null;
  /** v4 carries it; older versions always allow (when the broker does). */
  allowAutoTopicCreation: boolean;
}

export interface MetadataResponse {
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  clusterId: string | null;
  controllerId: number;
  topics: {
    errorCode: number;
    name: string;
    isInternal: boolean;
    partitions: { errorCode: number; partition: number; leader: number; replicas: number[]; isr: number[] }[];
  }[];
}
