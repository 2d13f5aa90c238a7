import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types.ts';

export function decodeRequest(_r: Reader): ApiVersionsRequest {
  return {};
}

export function encodeResponse(w: Writer, res: ApiVersionsResponse): void {
  w.int16(res.errorCode);
  w.array(res.apiKeys, (w, k) => w.int16(k.apiKey).int16(k.minVersion).int16(k.maxVersion));
}
