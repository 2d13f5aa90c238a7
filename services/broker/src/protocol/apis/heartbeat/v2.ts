// Generated from src/protocol/schema/heartbeat.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './types.ts';

/** Heartbeat v2. */
export const version = 2;
export const flexible = false;

export function decodeRequest(r: Reader): HeartbeatRequest {
  return { groupId: r.string(), generationId: r.int32(), memberId: r.string(), groupInstanceId: null };
}

export function encodeResponse(w: Writer, res: HeartbeatResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
}
