// Generated from src/protocol/schema/leave-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { LeaveGroupRequest, LeaveGroupResponse } from './types.ts';

/** LeaveGroup v5: flexible (compact fields, tagged fields, request header v2). */
export const version = 5;
export const flexible = true;

export function decodeRequest(r: Reader): LeaveGroupRequest {
  return r.tagged({
    groupId: r.compactString(),
    memberId: '',
    members: r.compactArray((r) => r.tagged({
      memberId: r.compactString(),
      groupInstanceId: r.compactNullableString(),
      reason: r.compactNullableString(),
    })),
  });
}

export function encodeResponse(w: Writer, res: LeaveGroupResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.compactArray(res.members ?? [], (w, m) => {
    w.compactString(m.memberId);
    w.compactNullableString(m.groupInstanceId);
    w.int16(m.errorCode);
    w.tagged();
  });
  w.tagged();
}
