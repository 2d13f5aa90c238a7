// Generated from src/protocol/schema/find-coordinator.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types.ts';

/** FindCoordinator v5: flexible (compact fields, tagged fields, request header v2). */
export const version = 5;
export const flexible = true;

export function decodeRequest(r: Reader): FindCoordinatorRequest {
  return r.tagged({ key: '', keyType: r.int8(), coordinatorKeys: r.compactArray((r) => r.compactString()) });
}

export function encodeResponse(w: Writer, res: FindCoordinatorResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.coordinators ?? [], (w, c) => {
    w.compactString(c.key);
    w.int32(c.nodeId);
    w.compactString(c.host);
    w.int32(c.port);
    w.int16(c.errorCode);
    w.compactNullableString(c.errorMessage ?? null);
    w.tagged();
  });
  w.tagged();
}
