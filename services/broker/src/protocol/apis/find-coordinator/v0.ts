import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types.ts';

export function decodeRequest(r: Reader): FindCoordinatorRequest {
  return { key: r.string() };
}

export function encodeResponse(w: Writer, res: FindCoordinatorResponse): void {
  w.int16(res.errorCode).int32(res.nodeId).string(res.host).int32(res.port);
}
