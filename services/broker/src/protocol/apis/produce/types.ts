export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topics: { name: string; partitions: { partition: number; records: Buffer | null }[] }[];
}

export interface ProduceResponse {
  topics: {
    name: string;
    partitions: { partition: number; errorCode: number; baseOffset: number; logAppendTimeMs: number }[];
  }[];
}
