export interface FindCoordinatorRequest {
  key: string;
}

export interface FindCoordinatorResponse {
  errorCode: number;
  nodeId: number;
  host: string;
  port: number;
}
