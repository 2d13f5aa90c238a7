import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { DescribedGroup } from '../../../groups/types.ts';

export interface DescribeGroupsRequest {
  groupIds: string[];
}

export function decodeRequest(r: Reader): DescribeGroupsRequest {
  return { groupIds: r.array((r) => r.string()) };
}

export function encodeResponse(w: Writer, res: { groups: DescribedGroup[] }): void {
  w.array(res.groups, (w, g) => {
    w.int16(g.errorCode).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocol);
    w.array(g.members, (w, m) =>
      w.string(m.memberId).string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment),
    );
  });
}
