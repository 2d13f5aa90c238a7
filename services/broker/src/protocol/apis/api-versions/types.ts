export type ApiVersionsRequest = Record<string, never>;

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
}
