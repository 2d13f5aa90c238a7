import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';

export interface ListGroupsResponse {
  errorCode: number;
  groups: { groupId: string; protocolType: string }[];
}

export function decodeRequest(_r: Reader): Record<string, never> {
  return {};
}

export function encodeResponse(w: Writer, res: ListGroupsResponse): void {
  w.int16(res.errorCode);
  w.array(res.groups, (w, g) => w.string(g.groupId).string(g.protocolType));
}
