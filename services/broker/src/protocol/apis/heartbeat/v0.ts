import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
}

export function decodeRequest(r: Reader): HeartbeatRequest {
  return { groupId: r.string(), generationId: r.int32(), memberId: r.string() };
}

export function encodeResponse(w: Writer, res: { errorCode: number }): void {
  w.int16(res.errorCode);
}
