// Generated from src/protocol/schema/sync-group.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { SyncGroupRequest, SyncGroupResponse } from './types.ts';

/** SyncGroup v0. */
export const version = 0;
export const flexible = false;

export function decodeRequest(r: Reader): SyncGroupRequest {
  return {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: r.array((r) => ({ memberId: r.string(), assignment: Buffer.from(r.bytes()) })),
  };
}

export function encodeResponse(w: Writer, res: SyncGroupResponse): void {
  w.int16(res.errorCode);
  w.bytes(res.assignment);
}
