import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { JoinGroupResponse } from '../../../groups/types.ts';

/** The request minus what the connection knows (client id and host). */
export interface JoinGroupWireRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

export function decodeRequest(r: Reader): JoinGroupWireRequest {
  const groupId = r.string();
  const sessionTimeoutMs = r.int32();
  const rebalanceTimeoutMs = r.int32();
  const memberId = r.string();
  const protocolType = r.string();
  // Copied: the group keeps member metadata long after this frame is gone.
  const protocols = r.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) }));
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, protocolType, protocols };
}

export function encodeResponse(w: Writer, res: JoinGroupResponse): void {
  w.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leaderId).string(res.memberId);
  w.array(res.members, (w, m) => w.string(m.memberId).bytes(m.metadata));
}
