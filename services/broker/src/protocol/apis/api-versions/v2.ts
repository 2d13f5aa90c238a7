import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types.ts';
import * as v0 from './v0.ts';

/** v1/v2 add only throttle_time_ms (always 0 here) after the v0 body. */
export function decodeRequest(r: Reader): ApiVersionsRequest {
  return v0.decodeRequest(r);
}

export function encodeResponse(w: Writer, res: ApiVersionsResponse): void {
  v0.encodeResponse(w, res);
  w.int32(0);
}
