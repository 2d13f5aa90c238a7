/**
 * Handler per API name. The type ties each handler to its API's decoded
 * request and response, so a handler cannot answer with another API's shape.
 */
import type { ApiName, RequestOf, ResponseOf } from '../../protocol/apis/index.ts';
import type { BrokerContext, RequestInfo, NO_RESPONSE, CLOSE_CONNECTION } from '../context.ts';
import { handleMetadata } from './metadata.ts';
import { handleProduce } from './produce.ts';
import { handleFetch } from './fetch.ts';
import { handleListOffsets } from './list-offsets.ts';
import * as g from './groups.ts';
import * as admin from './admin.ts';

export type Handler<K extends ApiName> = (
  ctx: BrokerContext,
  req: RequestOf<K>,
  info: RequestInfo,
) => ResponseOf<K> | Promise<ResponseOf<K>> | typeof NO_RESPONSE | typeof CLOSE_CONNECTION;

export const HANDLERS: { [K in ApiName]: Handler<K> } = {
  Produce: handleProduce,
  Fetch: handleFetch,
  ListOffsets: handleListOffsets,
  Metadata: handleMetadata,
  OffsetCommit: g.handleOffsetCommit,
  OffsetFetch: g.handleOffsetFetch,
  FindCoordinator: g.handleFindCoordinator,
  JoinGroup: g.handleJoinGroup,
  Heartbeat: g.handleHeartbeat,
  LeaveGroup: g.handleLeaveGroup,
  SyncGroup: g.handleSyncGroup,
  DescribeGroups: g.handleDescribeGroups,
  ListGroups: g.handleListGroups,
  ApiVersions: admin.handleApiVersions,
  CreateTopics: admin.handleCreateTopics,
  DeleteTopics: admin.handleDeleteTopics,
  InitProducerId: admin.handleInitProducerId,
};
