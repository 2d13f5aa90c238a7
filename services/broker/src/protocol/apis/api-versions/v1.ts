// Generated from src/protocol/schema/api-versions.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types.ts';

/** ApiVersions v1. */
export const version = 1;
export const flexible = false;

export function decodeRequest(_r: Reader): ApiVersionsRequest {
  return { clientSoftwareName: "", clientSoftwareVersion: "" };
}

export function encodeResponse(w: Writer, res: ApiVersionsResponse): void {
  w.int16(res.errorCode);
  w.array(res.apiKeys, (w, a) => {
    w.int16(a.apiKey);
    w.int16(a.minVersion);
    w.int16(a.maxVersion);
  });
  w.int32(res.throttleTimeMs ?? 0);
}
