// Generated from src/protocol/schema/api-versions.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types.ts';

/** ApiVersions v4: flexible (compact fields, tagged fields, request header v2). */
export const version = 4;
export const flexible = true;

export function decodeRequest(r: Reader): ApiVersionsRequest {
  return r.tagged({ clientSoftwareName: r.compactString(), clientSoftwareVersion: r.compactString() });
}

export function encodeResponse(w: Writer, res: ApiVersionsResponse): void {
  w.int16(res.errorCode);
  w.compactArray(res.apiKeys, (w, a) => {
    w.int16(a.apiKey);
    w.int16(a.minVersion);
    w.int16(a.maxVersion);
    w.tagged();
  });
  w.int32(res.throttleTimeMs ?? 0);
  w.tagged();
}
