// Generated from src/protocol/schema/join-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { JoinGroupRequest, JoinGroupResponse } from './types.ts';

/** JoinGroup v6: flexible (compact fields, tagged fields, request header v2). */
export const version = 6;
export const flexible = true;

export function decodeRequest(r: Reader): JoinGroupRequest {
  return r.tagged({
    groupId: r.compactString(),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: r.int32(),
    memberId: r.compactString(),
    groupInstanceId: r.compactNullableString(),
    protocolType: r.compactString(),
    protocols: r.compactArray((r) => r.tagged({ name: r.compactString(), metadata: Buffer.from(r.compactBytes()) })),
    reason: null,
  });
}

export function encodeResponse(w: Writer, res: JoinGroupResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.int32(res.generationId);
  w.compactString(res.protocolName ?? '');
  w.compactString(res.leaderId);
  w.compactString(res.memberId);
  w.compactArray(res.members, (w, m) => {
    w.compactString(m.memberId);
    w.compactNullableString(m.groupInstanceId ?? null);
    w.compactBytes(m.metadata);
    w.tagged();
  });
  w.tagged();
}
