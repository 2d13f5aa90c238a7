import type { MetadataRequest, MetadataResponse } from '../../protocol/apis/metadata/types.ts';
import { NODE_ID, type BrokerContext, type RequestInfo } from '../context.ts';
import { ensureTopic, partitionCounts, resolveTopic } from '../topics.ts';
import { ZERO_UUID } from '../topic-ids.ts';
import { ErrorCode } from '../error-codes.ts';
import { TOPIC_OPERATIONS } from './authorized-operations.ts';

type TopicAnswer = MetadataResponse['topics'][number];

/** Which topics a request asks for: all (null), or each by name or id. */
function requested(req: MetadataRequest, version: number): MetadataRequest['topics'] {
  // v0 has no null list: there an empty list means every topic (from v1 it means none).
  if (req.topics === null || (version === 0 && req.topics.length === 0)) return null;
  return req.topics;
}

export function handleMetadata(ctx: BrokerContext, req: MetadataRequest, info: RequestInfo): MetadataResponse {
  const counts = () => partitionCounts(ctx);
  const answer = (name: string, errorCode: number, partitions: number): TopicAnswer => ({
    errorCode,
    name,
    topicId: errorCode === ErrorCode.NONE ? ctx.topicIds.idOf(name) : ZERO_UUID,
    isInternal: false,
    partitions: Array.from({ length: partitions }, (_, partition) => ({
      errorCode: ErrorCode.NONE,
      partition,
      leader: NODE_ID,
      leaderEpoch: 0,
      replicas: [NODE_ID],
      isr: [NODE_ID],
    })),
    topicAuthorizedOperations: req.includeTopicAuthorizedOperations ? TOPIC_OPERATIONS : undefined,
  });

  const wanted = requested(req, info.apiVersion);
  let topics: TopicAnswer[];
  if (wanted === null) {
    const n = counts();
    topics = [...n.keys()].sort().map((name) => answer(name, ErrorCode.NONE, n.get(name) ?? 0));
  } else {
    const seen = new Set<string>();
    const results: { name: string | null; topicId: string; errorCode: number }[] = [];
    for (const t of wanted) {
      const key = t.name ? `n:${t.name}` : `i:${t.topicId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (t.name) {
        results.push({ name: t.name, topicId: ZERO_UUID, errorCode: ensureTopic(ctx, t.name, req.allowAutoTopicCreation) });
        continue;
      }
      // By id (v12+): never auto-created.
      const found = resolveTopic(ctx, null, t.topicId);
      results.push({ name: found.name, topicId: t.topicId, errorCode: found.name === null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.NONE });
    }
    const n = counts();
    topics = results.map((r) =>
      r.name === null
        ? { errorCode: r.errorCode, name: null, topicId: r.topicId, partitions: [] }
        : answer(r.name, r.errorCode, r.errorCode === ErrorCode.NONE ? (n.get(r.name) ?? 0) : 0),
    );
  }
  return {
    brokers: [{ nodeId: NODE_ID, host: info.advertisedHost, port: info.advertisedPort, rack: null }],
    clusterId: ctx.meta.clusterId,
    controllerId: NODE_ID,
    topics,
  };
}
