export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  topics: { name: string; partitions: { partition: number; fetchOffset: number; maxBytes: number }[] }[];
}

export interface FetchResponse {
  topics: {
    name: string;
    partitions: {
      partition: number;
      errorCode: number;
      highWatermark: number;
      lastStableOffset: number;
      /** Whole RecordBatch v2 bytes as stored. */
      records: Buffer | null;
    }[];
  }[];
}
