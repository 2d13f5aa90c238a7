// Generated from src/protocol/schema/leave-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** LeaveGroup request, decoded: every version's fields; a version without a field gets its default. */
export interface LeaveGroupRequest {
  groupId: string;
  memberId: string;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    reason: string | null;
  }[];
}

/** LeaveGroup response: fields with a default may be left out (each version writes only its own fields). */
export interface LeaveGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  members?: {
    memberId: string;
    groupInstanceId: string | null;
    errorCode: number;
  }[];
}
