// Generated from src/protocol/schema/sync-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { SyncGroupRequest, SyncGroupResponse } from './types.ts';

/** SyncGroup v5: flexible (compact fields, tagged fields, request header v2). */
export const version = 5;
export const flexible = true;

export function decodeRequest(r: Reader): SyncGroupRequest {
  return r.tagged({
    groupId: r.compactString(),
    generationId: r.int32(),
    memberId: r.compactString(),
    groupInstanceId: r.compactNullableString(),
    protocolType: r.compactNullableString(),
    protocolName: r.compactNullableString(),
    assignments: r.compactArray((r) => r.tagged({ memberId: r.compactString(), assignment: Buffer.from(r.compactBytes()) })),
  });
}

export function encodeResponse(w: Writer, res: SyncGroupResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.compactNullableString(res.protocolType ?? null);
  w.compactNullableString(res.protocolName ?? null);
  w.compactBytes(res.assignment);
  w.tagged();
}
