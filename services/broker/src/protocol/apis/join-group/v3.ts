// Generated from src/protocol/schema/join-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { JoinGroupRequest, JoinGroupResponse } from './types.ts';

/** JoinGroup v3. */
export const version = 3;
export const flexible = false;

export function decodeRequest(r: Reader): JoinGroupRequest {
  return {
    groupId: r.string(),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: r.int32(),
    memberId: r.string(),
    groupInstanceId: null,
    protocolType: r.string(),
    protocols: r.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) })),
    reason: null,
  };
}

export function encodeResponse(w: Writer, res: JoinGroupResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.int32(res.generationId);
  w.string(res.protocolName ?? '');
  w.string(res.leaderId);
  w.string(res.memberId);
  w.array(res.members, (w, m) => {
    w.string(m.memberId);
    w.bytes(m.metadata);
  });
}
