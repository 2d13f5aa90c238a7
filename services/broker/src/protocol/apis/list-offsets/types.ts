export interface ListOffsetsRequest {
  replicaId: number;
  topics: { name: string; partitions: { partition: number; timestamp: number }[] }[];
}

export interface ListOffsetsResponse {
  topics: { name: string; partitions: { partition: number; errorCode: number; timestamp: number; offset: number }[] }[];
}
