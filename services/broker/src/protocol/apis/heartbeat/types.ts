// Generated from src/protocol/schema/heartbeat.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** Heartbeat request, decoded: every version's fields; a version without a field gets its default. */
export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

/** Heartbeat response: fields with a default may be left out (each version writes only its own fields). */
export interface HeartbeatResponse {
  throttleTimeMs?: number;
  errorCode: number;
}
