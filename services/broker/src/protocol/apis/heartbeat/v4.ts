// Generated from src/protocol/schema/heartbeat.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './types.ts';

/** Heartbeat v4: flexible (compact fields, tagged fields, request header v2). */
export const version = 4;
export const flexible = true;

export function decodeRequest(r: Reader): HeartbeatRequest {
  return r.tagged({
    groupId: r.compactString(),
    generationId: r.int32(),
    memberId: r.compactString(),
    groupInstanceId: r.compactNullableString(),
  });
}

export function encodeResponse(w: Writer, res: HeartbeatResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.tagged();
}
