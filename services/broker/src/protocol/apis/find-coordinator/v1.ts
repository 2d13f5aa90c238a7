// Generated from src/protocol/schema/find-coordinator.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types.ts';

/** FindCoordinator v1. */
export const version = 1;
export const flexible = false;

export function decodeRequest(r: Reader): FindCoordinatorRequest {
  return { key: r.string(), keyType: r.int8(), coordinatorKeys: [] };
}

export function encodeResponse(w: Writer, res: FindCoordinatorResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode ?? 0);
  w.nullableString(res.errorMessage ?? null);
  w.int32(res.nodeId ?? -1);
  w.string(res.host ?? "");
  w.int32(res.port ?? -1);
}
