// Generated from src/protocol/schema/describe-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from './types.ts';

/** DescribeGroups v2. */
export const version = 2;
export const flexible = false;

export function decodeRequest(r: Reader): DescribeGroupsRequest {
  return { groupIds: r.array((r) => r.string()), includeAuthorizedOperations: false };
}

export function encodeResponse(w: Writer, res: DescribeGroupsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.array(res.groups, (w, g) => {
    w.int16(g.errorCode);
    w.string(g.groupId);
    w.string(g.state);
    w.string(g.protocolType);
    w.string(g.protocol);
    w.array(g.members, (w, m) => {
      w.string(m.memberId);
      w.string(m.clientId);
      w.string(m.clientHost);
      w.bytes(m.metadata);
      w.bytes(m.assignment);
    });
  });
}
