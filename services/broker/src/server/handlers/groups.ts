/**
 * Consumer-group APIs: decode -> GroupCoordinator -> encode. The coordinator
 * owns the semantics; these handlers add what only the connection knows
 * (client id and host), the version-dependent shapes (batched keys, groups
 * and members, topic ids) and the topic checks Kafka does before committing.
 */
import type { JoinGroupRequest, JoinGroupResponse } from '../../protocol/apis/join-group/types.ts';
import type { SyncGroupRequest, SyncGroupResponse } from '../../protocol/apis/sync-group/types.ts';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/apis/heartbeat/types.ts';
import type { LeaveGroupRequest, LeaveGroupResponse } from '../../protocol/apis/leave-group/types.ts';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/apis/offset-commit/types.ts';
import type { OffsetFetchRequest, OffsetFetchResponse } from '../../protocol/apis/offset-fetch/types.ts';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from '../../protocol/apis/describe-groups/types.ts';
import type { ListGroupsRequest, ListGroupsResponse } from '../../protocol/apis/list-groups/types.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from '../../protocol/apis/find-coordinator/types.ts';
import { NODE_ID, type BrokerContext, type RequestInfo } from '../context.ts';
import { resolveTopic } from '../topics.ts';
import { ZERO_UUID } from '../topic-ids.ts';
import { ErrorCode } from '../error-codes.ts';
import { GROUP_OPERATIONS } from './authorized-operations.ts';

const GROUP_ID_NOT_FOUND = 69;
/** FindCoordinator key types: consumer groups and transactional ids; both live on node 0. */
const KEY_TYPES = new Set([0, 1]);

export function handleFindCoordinator(_ctx: BrokerContext, req: FindCoordinatorRequest, info: RequestInfo): FindCoordinatorResponse {
  const supported = KEY_TYPES.has(req.keyType);
  const errorCode = supported ? ErrorCode.NONE : ErrorCode.INVALID_REQUEST;
  const errorMessage = supported ? null : `Unsupported key type ${req.keyType}`;
  const nodeId = supported ? NODE_ID : -1;
  const host = supported ? info.advertisedHost : '';
  const port = supported ? info.advertisedPort : -1;
  return {
    // v0-v3: one key, answered at the top level; v4+: a batch of keys.
    errorCode,
    errorMessage,
    nodeId,
    host,
    port,
    coordinators: req.coordinatorKeys.map((key) => ({ key, nodeId, host, port, errorCode, errorMessage })),
  };
}

export async function handleJoinGroup(ctx: BrokerContext, req: JoinGroupRequest, info: RequestInfo): Promise<JoinGroupResponse> {
  const res = await ctx.groups.join({
    groupId: req.groupId,
    sessionTimeoutMs: req.sessionTimeoutMs,
    // v0 has no rebalance timeout: Kafka uses the session timeout for both.
    rebalanceTimeoutMs: req.rebalanceTimeoutMs === -1 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
    memberId: req.memberId,
    clientId: info.clientId,
    clientHost: info.clientHost,
    protocolType: req.protocolType,
    protocols: req.protocols,
  });
  return { ...res, protocolType: res.errorCode === ErrorCode.NONE ? req.protocolType : null };
}

export async function handleSyncGroup(ctx: BrokerContext, req: SyncGroupRequest): Promise<SyncGroupResponse> {
  const res = await ctx.groups.sync(req);
  if (res.errorCode !== ErrorCode.NONE) return res;
  // v5 answers with the group's protocol type and name; clients check they match what they joined with.
  const group = ctx.groups.describe(req.groupId);
  return { ...res, protocolType: group.protocolType || null, protocolName: group.protocol || null };
}

export function handleHeartbeat(ctx: BrokerContext, req: HeartbeatRequest): HeartbeatResponse {
  return { errorCode: ctx.groups.heartbeat(req.groupId, req.generationId, req.memberId) };
}

/** Errors about the group or the coordinator, not about one member: answered at the top level. */
const GROUP_LEVEL = new Set<number>([ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.INVALID_GROUP_ID]);

/** v0-v2: one member; v3+: several, each answered. Static members are treated as dynamic ones. */
export function handleLeaveGroup(ctx: BrokerContext, req: LeaveGroupRequest, info: RequestInfo): LeaveGroupResponse {
  if (info.apiVersion < 3) return { errorCode: ctx.groups.leave(req.groupId, req.memberId) };
  const members = req.members.map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    errorCode: ctx.groups.leave(req.groupId, m.memberId),
  }));
  const groupError = members.find((m) => GROUP_LEVEL.has(m.errorCode))?.errorCode;
  return groupError === undefined ? { errorCode: ErrorCode.NONE, members } : { errorCode: groupError, members: [] };
}

export function handleOffsetCommit(ctx: BrokerContext, req: OffsetCommitRequest): OffsetCommitResponse {
  const topics = req.topics.map((t) => ({ ...resolveTopic(ctx, t.name, t.topicId), request: t }));
  const known: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
  const codes = new Map<string, number>();
  const key = (i: number, p: number): string => `${i}\u0000${p}`;
  const knownKeys: string[] = [];
  topics.forEach((t, i) => {
    for (const p of t.request.partitions) {
      if (t.name !== null && ctx.logs.partition(t.name, p.partition)) {
        known.push({ topic: t.name, partition: p.partition, offset: p.offset, metadata: p.metadata });
        knownKeys.push(key(i, p.partition));
      } else {
        codes.set(key(i, p.partition), t.name === null && !t.request.name ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
    }
  });
  const results = known.length > 0 ? ctx.groups.commitOffsets(req.groupId, req.generationId, req.memberId, known) : [];
  knownKeys.forEach((k, i) => codes.set(k, results[i] ?? ErrorCode.UNKNOWN_SERVER_ERROR));
  return {
    topics: topics.map((t, i) => ({
      name: t.request.name,
      topicId: t.topicId,
      partitions: t.request.partitions.map((p) => ({ partition: p.partition, errorCode: codes.get(key(i, p.partition)) ?? ErrorCode.NONE })),
    })),
  };
}

type FetchedTopic = { name: string; topicId: string; partitions: { partition: number; offset: number; metadata: string | null; errorCode: number }[] };

/** One group's committed offsets: of the topics asked for (each partition answered, -1 when none), or all (null). */
function fetchGroupOffsets(
  ctx: BrokerContext,
  groupId: string,
  topics: { name: string; topicId: string; partitions: number[] }[] | null,
): FetchedTopic[] {
  if (topics === null) {
    const byTopic = new Map<string, FetchedTopic>();
    for (const { topic, partition, offset } of ctx.groups.fetchAllOffsets(groupId)) {
      let t = byTopic.get(topic);
      if (!t) byTopic.set(topic, (t = { name: topic, topicId: ctx.logs.hasTopic(topic) ? ctx.topicIds.idOf(topic) : ZERO_UUID, partitions: [] }));
      t.partitions.push({ partition, offset: offset.offset, metadata: offset.metadata, errorCode: ErrorCode.NONE });
    }
    return [...byTopic.values()];
  }
  return topics.map((t) => {
    const { name, topicId } = resolveTopic(ctx, t.name, t.topicId);
    const byId = !t.name;
    return {
      name: t.name,
      topicId,
      partitions: t.partitions.map((partition) => {
        if (name === null && byId) return { partition, offset: -1, metadata: null, errorCode: ErrorCode.UNKNOWN_TOPIC_ID };
        const c = name === null ? undefined : ctx.groups.fetchOffset(groupId, name, partition);
        return { partition, offset: c?.offset ?? -1, metadata: c ? c.metadata : '', errorCode: ErrorCode.NONE };
      }),
    };
  });
}

/** v0-v7: one group; v8+: several, each with its own topics (null = every committed partition). */
export function handleOffsetFetch(ctx: BrokerContext, req: OffsetFetchRequest, info: RequestInfo): OffsetFetchResponse {
  if (info.apiVersion >= 8) {
    return {
      groups: req.groups.map((g) => ({
        groupId: g.groupId,
        topics: fetchGroupOffsets(ctx, g.groupId, g.topics),
        errorCode: ErrorCode.NONE,
      })),
    };
  }
  const topics = req.topics === null ? null : req.topics.map((t) => ({ name: t.name, topicId: ZERO_UUID, partitions: t.partitions }));
  return { topics: fetchGroupOffsets(ctx, req.groupId, topics), errorCode: ErrorCode.NONE };
}

export function handleDescribeGroups(ctx: BrokerContext, req: DescribeGroupsRequest, info: RequestInfo): DescribeGroupsResponse {
  return {
    groups: req.groupIds.map((id) => {
      const g = ctx.groups.describe(id);
      // v6 (KIP-1043) says outright that a group does not exist; older versions describe it as Dead.
      const missing = g.state === 'Dead' && info.apiVersion >= 6;
      return {
        ...g,
        errorCode: missing ? GROUP_ID_NOT_FOUND : g.errorCode,
        errorMessage: missing ? `Group ${id} not found.` : null,
        authorizedOperations: req.includeAuthorizedOperations ? GROUP_OPERATIONS : undefined,
      };
    }),
  };
}

/** Every group here is a classic group; v4 filters by state, v5 by type (case-insensitive, as Kafka). */
export function handleListGroups(ctx: BrokerContext, req: ListGroupsRequest): ListGroupsResponse {
  const states = new Set(req.statesFilter.map((s) => s.toLowerCase()));
  const types = new Set(req.typesFilter.map((s) => s.toLowerCase()));
  const groups = ctx.groups
    .listGroups()
    .map((g) => ({ ...g, groupState: ctx.groups.describe(g.groupId).state, groupType: 'classic' }))
    .filter((g) => (states.size === 0 || states.has(g.groupState.toLowerCase())) && (types.size === 0 || types.has(g.groupType)));
  return { errorCode: ErrorCode.NONE, groups };
}
