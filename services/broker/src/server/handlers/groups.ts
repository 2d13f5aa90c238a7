/**
 * Consumer-group APIs: decode -> GroupCoordinator -> encode. The coordinator
 * owns the semantics; these handlers add what only the connection knows
 * (client id and host) and the topic checks Kafka does before committing.
 */
import type { JoinGroupWireRequest } from '../../protocol/apis/join-group/v1.ts';
import type { HeartbeatRequest } from '../../protocol/apis/heartbeat/v0.ts';
import type { LeaveGroupRequest } from '../../protocol/apis/leave-group/v0.ts';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/apis/offset-commit/v2.ts';
import type { OffsetFetchRequest, OffsetFetchResponse } from '../../protocol/apis/offset-fetch/v1.ts';
import type { DescribeGroupsRequest } from '../../protocol/apis/describe-groups/v0.ts';
import type { ListGroupsResponse } from '../../protocol/apis/list-groups/v0.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from '../../protocol/apis/find-coordinator/types.ts';
import type { DescribedGroup, JoinGroupResponse, SyncGroupRequest, SyncGroupResponse } from '../../groups/types.ts';
import { NODE_ID, type BrokerContext, type RequestInfo } from '../context.ts';
import { ErrorCode } from '../error-codes.ts';

export function handleFindCoordinator(_ctx: BrokerContext, _req: FindCoordinatorRequest, info: RequestInfo): FindCoordinatorResponse {
  return { errorCode: ErrorCode.NONE, nodeId: NODE_ID, host: info.advertisedHost, port: info.advertisedPort };
}

export function handleJoinGroup(ctx: BrokerContext, req: JoinGroupWireRequest, info: RequestInfo): Promise<JoinGroupResponse> {
  return ctx.groups.join({ ...req, clientId: info.clientId, clientHost: info.clientHost });
}

export function handleSyncGroup(ctx: BrokerContext, req: SyncGroupRequest): Promise<SyncGroupResponse> {
  return ctx.groups.sync(req);
}

export function handleHeartbeat(ctx: BrokerContext, req: HeartbeatRequest): { errorCode: number } {
  return { errorCode: ctx.groups.heartbeat(req.groupId, req.generationId, req.memberId) };
}

export function handleLeaveGroup(ctx: BrokerContext, req: LeaveGroupRequest): { errorCode: number } {
  return { errorCode: ctx.groups.leave(req.groupId, req.memberId) };
}

export function handleOffsetCommit(ctx: BrokerContext, req: OffsetCommitRequest): OffsetCommitResponse {
  const known: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
  const codes = new Map<string, number>();
  const key = (t: string, p: number): string => `${t}\u0000${p}`;
  for (const t of req.topics) {
    for (const p of t.partitions) {
      if (ctx.logs.partition(t.name, p.partition)) known.push({ topic: t.name, partition: p.partition, offset: p.offset, metadata: p.metadata });
      else codes.set(key(t.name, p.partition), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
  }
  const results = known.length > 0 ? ctx.groups.commitOffsets(req.groupId, req.generationId, req.memberId, known) : [];
  known.forEach((o, i) => codes.set(key(o.topic, o.partition), results[i] ?? ErrorCode.UNKNOWN_SERVER_ERROR));
  return {
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: codes.get(key(t.name, p.partition)) ?? 0 })),
    })),
  };
}

export function handleOffsetFetch(ctx: BrokerContext, req: OffsetFetchRequest): OffsetFetchResponse {
  if (req.topics === null) {
    const byTopic = new Map<string, OffsetFetchResponse['topics'][number]>();
    for (const { topic, partition, offset } of ctx.groups.fetchAllOffsets(req.groupId)) {
      let t = byTopic.get(topic);
      if (!t) byTopic.set(topic, (t = { name: topic, partitions: [] }));
      t.partitions.push({ partition, offset: offset.offset, metadata: offset.metadata, errorCode: 0 });
    }
    return { topics: [...byTopic.values()] };
  }
  return {
    topics: req.topics.map((t) => ({
      name: t.name,
      // Every requested partition is answered; -1 means nothing committed.
      partitions: t.partitions.map((partition) => {
        const c = ctx.groups.fetchOffset(req.groupId, t.name, partition);
        return { partition, offset: c?.offset ?? -1, metadata: c ? c.metadata : '', errorCode: 0 };
      }),
    })),
  };
}

export function handleDescribeGroups(ctx: BrokerContext, req: DescribeGroupsRequest): { groups: DescribedGroup[] } {
  return { groups: req.groupIds.map((id) => ctx.groups.describe(id)) };
}

export function handleListGroups(ctx: BrokerContext): ListGroupsResponse {
  return { errorCode: ErrorCode.NONE, groups: ctx.groups.listGroups() };
}
