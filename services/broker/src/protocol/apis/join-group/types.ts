// Generated from src/protocol/schema/join-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** JoinGroup request, decoded: every version's fields; a version without a field gets its default. */
export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: {
    name: string;
    metadata: Buffer;
  }[];
  reason: string | null;
}

/** JoinGroup response: fields with a default may be left out (each version writes only its own fields). */
export interface JoinGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  generationId: number;
  protocolType?: string | null;
  protocolName: string | null;
  leaderId: string;
  skipAssignment?: boolean;
  memberId: string;
  members: {
    memberId: string;
    groupInstanceId?: string | null;
    metadata: Buffer;
  }[];
}
