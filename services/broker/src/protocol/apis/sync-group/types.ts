// Generated from src/protocol/schema/sync-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** SyncGroup request, decoded: every version's fields; a version without a field gets its default. */
export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: {
    memberId: string;
    assignment: Buffer;
  }[];
}

/** SyncGroup response: fields with a default may be left out (each version writes only its own fields). */
export interface SyncGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  protocolType?: string | null;
  protocolName?: string | null;
  assignment: Buffer;
}
