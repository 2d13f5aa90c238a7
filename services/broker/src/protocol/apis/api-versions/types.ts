// Generated from src/protocol/schema/api-versions.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** ApiVersions request, decoded: every version's fields; a version without a field gets its default. */
export interface ApiVersionsRequest {
  clientSoftwareName: string;
  clientSoftwareVersion: string;
}

/** ApiVersions response: fields with a default may be left out (each version writes only its own fields). */
export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: {
    apiKey: number;
    minVersion: number;
    maxVersion: number;
  }[];
  throttleTimeMs?: number;
}
