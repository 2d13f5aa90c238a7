// Generated from src/protocol/schema/list-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ListGroupsRequest, ListGroupsResponse } from './types.ts';

/** ListGroups v4: flexible (compact fields, tagged fields, request header v2). */
export const version = 4;
export const flexible = true;

export function decodeRequest(r: Reader): ListGroupsRequest {
  return r.tagged({ statesFilter: r.compactArray((r) => r.compactString()), typesFilter: [] });
}

export function encodeResponse(w: Writer, res: ListGroupsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.compactArray(res.groups, (w, g) => {
    w.compactString(g.groupId);
    w.compactString(g.protocolType);
    w.compactString(g.groupState ?? "");
    w.tagged();
  });
  w.tagged();
}
