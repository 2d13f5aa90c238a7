// Generated from src/protocol/schema/leave-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { LeaveGroupRequest, LeaveGroupResponse } from './types.ts';

/** LeaveGroup v1. */
export const version = 1;
export const flexible = false;

export function decodeRequest(r: Reader): LeaveGroupRequest {
  return { groupId: r.string(), memberId: r.string(), members: [] };
}

export function encodeResponse(w: Writer, res: LeaveGroupResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
}
