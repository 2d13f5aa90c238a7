// Generated from src/protocol/schema/find-coordinator.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types.ts';

/** FindCoordinator v3: flexible (compact fields, tagged fields, request header v2). */
export const version = 3;
export const flexible = true;

export function decodeRequest(r: Reader): FindCoordinatorRequest {
  return r.tagged({ key: r.compactString(), keyType: r.int8(), coordinatorKeys: [] });
}

export function encodeResponse(w: Writer, res: FindCoordinatorResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode ?? 0);
  w.compactNullableString(res.errorMessage ?? null);
  w.int32(res.nodeId ?? -1);
  w.compactString(res.host ?? "");
  w.int32(res.port ?? -1);
  w.tagged();
}
