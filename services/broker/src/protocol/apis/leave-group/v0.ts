import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface LeaveGroupRequest {
  groupId: string;
  memberId: string;
}

export function decodeRequest(r: Reader): LeaveGroupRequest {
  return { groupId: r.string(), memberId: r.string() };
}

export function encodeResponse(w: Writer, res: { errorCode: number }): void {
  w.int16(res.errorCode);
}
