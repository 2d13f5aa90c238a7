import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { SyncGroupRequest, SyncGroupResponse } from '../../../groups/types.ts';

export function decodeRequest(r: Reader): SyncGroupRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  // Copied: assignments outlive the request frame.
  const assignments = r.array((r) => ({ memberId: r.string(), assignment: Buffer.from(r.bytes()) }));
  return { groupId, generationId, memberId, assignments };
}

export function encodeResponse(w: Writer, res: SyncGroupResponse): void {
  w.int16(res.errorCode).bytes(res.assignment);
}
