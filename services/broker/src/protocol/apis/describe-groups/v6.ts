// Generated from src/protocol/schema/describe-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from './types.ts';

/** DescribeGroups v6: flexible (compact fields, tagged fields, request header v2). */
export const version = 6;
export const flexible = true;

export function decodeRequest(r: Reader): DescribeGroupsRequest {
  return r.tagged({ groupIds: r.compactArray((r) => r.compactString()), includeAuthorizedOperations: r.bool() });
}

export function encodeResponse(w: Writer, res: DescribeGroupsResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.groups, (w, g) => {
    w.int16(g.errorCode);
    w.compactNullableString(g.errorMessage ?? null);
    w.compactString(g.groupId);
    w.compactString(g.state);
    w.compactString(g.protocolType);
    w.compactString(g.protocol);
    w.compactArray(g.members, (w, m) => {
      w.compactString(m.memberId);
      w.compactNullableString(m.groupInstanceId ?? null);
      w.compactString(m.clientId);
      w.compactString(m.clientHost);
      w.compactBytes(m.metadata);
      w.compactBytes(m.assignment);
      w.tagged();
    });
    w.int32(g.authorizedOperations ?? -2147483648);
    w.tagged();
  });
  w.tagged();
}
