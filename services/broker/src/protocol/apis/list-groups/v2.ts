// Generated from src/protocol/schema/list-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { ListGroupsRequest, ListGroupsResponse } from './types.ts';

/** ListGroups v2. */
export const version = 2;
export const flexible = false;

export function decodeRequest(_r: Reader): ListGroupsRequest {
  return { statesFilter: [], typesFilter: [] };
}

export function encodeResponse(w: Writer, res: ListGroupsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode);
  w.array(res.groups, (w, g) => {
    w.string(g.groupId);
    w.string(g.protocolType);
  });
}
