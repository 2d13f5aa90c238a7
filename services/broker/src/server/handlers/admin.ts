import type { CreateTopicsRequest, CreateTopicsResponse } from '../../protocol/apis/create-topics/types.ts';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../../protocol/apis/delete-topics/types.ts';
import type { InitProducerIdRequest, InitProducerIdResponse } from '../../protocol/apis/init-producer-id/types.ts';
import type { ApiVersionsResponse } from '../../protocol/apis/api-versions/types.ts';
import { advertisedApiVersions } from '../../protocol/apis/index.ts';
import { NODE_ID, type BrokerContext, type RequestInfo } from '../context.ts';
import { createTopic, isValidTopicName, resolveTopic, topicOperation } from '../topics.ts';
import { ZERO_UUID } from '../topic-ids.ts';
import { ErrorCode } from '../error-codes.ts';
import { parseTopicConfigs } from '../../storage/topic-config.ts';

export function handleApiVersions(): ApiVersionsResponse {
  return { errorCode: ErrorCode.NONE, apiKeys: advertisedApiVersions() };
}

type CreatableTopic = CreateTopicsRequest['topics'][number];
type CreateResult = CreateTopicsResponse['topics'][number];

/** "Broker default" for partitions and replication factor: Kafka accepts it from CreateTopics v4 (KIP-464). */
const DEFAULT = -1;
const FIRST_VERSION_WITH_DEFAULTS = 4;

/** The partition count to create, or the error (code and Kafka's reason) that refuses the topic. */
function checkTopic(ctx: BrokerContext, t: CreatableTopic, version: number): { partitions: number } | { code: number; message: string } {
  const defaultsAllowed = version >= FIRST_VERSION_WITH_DEFAULTS;
  if (t.assignments.length > 0) {
    if (t.numPartitions !== DEFAULT || t.replicationFactor !== DEFAULT) {
      return { code: ErrorCode.INVALID_REQUEST, message: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.' };
    }
    const indexes = t.assignments.map((a) => a.partition).sort((a, b) => a - b);
    if (indexes.some((p, i) => p !== i)) {
      return { code: ErrorCode.INVALID_REPLICA_ASSIGNMENT, message: 'Partitions should be a consecutive 0-based integer sequence' };
    }
    if (t.assignments.some((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== NODE_ID)) {
      return { code: ErrorCode.INVALID_REPLICA_ASSIGNMENT, message: `This broker is a single node (id ${NODE_ID}): every partition's replicas must be [${NODE_ID}]` };
    }
    return { partitions: t.assignments.length };
  }
  // The replication factor is checked first, as Kafka does (2.1 answers kafkajs's -1/-1 with 38).
  if (t.replicationFactor === DEFAULT ? !defaultsAllowed : t.replicationFactor <= 0) {
    return { code: ErrorCode.INVALID_REPLICATION_FACTOR, message: `Replication factor must be larger than 0${defaultsAllowed ? ', or -1 to use the default value' : ''}.` };
  }
  if (t.replicationFactor > 1) {
    return {
      code: ErrorCode.INVALID_REPLICATION_FACTOR,
      message: `Unable to replicate the partition ${t.replicationFactor} time(s): The target replication factor of ${t.replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
    };
  }
  if (t.numPartitions === DEFAULT ? !defaultsAllowed : t.numPartitions <= 0) {
    return { code: ErrorCode.INVALID_PARTITIONS, message: `Number of partitions must be larger than 0${defaultsAllowed ? ', or -1 to use the default value' : ''}.` };
  }
  const partitions = t.numPartitions === DEFAULT ? ctx.defaultPartitions : t.numPartitions;
  if (partitions > ctx.maxPartitions) {
    return { code: ErrorCode.INVALID_PARTITIONS, message: `Number of partitions ${partitions} exceeds this broker's limit of ${ctx.maxPartitions}.` };
  }
  return { partitions };
}

function createOne(ctx: BrokerContext, t: CreatableTopic, req: CreateTopicsRequest, version: number, duplicates: Set<string>): CreateResult {
  const fail = (errorCode: number, errorMessage: string): CreateResult => ({ name: t.name, topicId: ZERO_UUID, errorCode, errorMessage, configs: null });
  if (duplicates.has(t.name)) return fail(ErrorCode.INVALID_REQUEST, `Create topics request from client contains multiple entries for the topic ${t.name}.`);
  if (!isValidTopicName(t.name)) {
    return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic name "${t.name}" is illegal: it must be 1 to 249 of ASCII alphanumerics, '.', '_' and '-', and not "." or "..".`);
  }
  if (ctx.logs.hasTopic(t.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
  const checked = checkTopic(ctx, t, version);
  if ('code' in checked) return fail(checked.code, checked.message);
  // The configs storage acts on (cleanup.policy, retention.ms, ...) are validated; others are ignored.
  const topicConfig = parseTopicConfigs(t.configs);
  if (!topicConfig.ok) return fail(ErrorCode.INVALID_CONFIG, topicConfig.message);
  const ok = (topicId: string): CreateResult => ({
    name: t.name,
    topicId,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    numPartitions: checked.partitions,
    replicationFactor: 1,
    configs: [],
  });
  if (req.validateOnly) return ok(ZERO_UUID);
  const code = createTopic(ctx, t.name, checked.partitions, topicConfig.config);
  if (code !== ErrorCode.NONE) return fail(code, `Could not create topic '${t.name}' (see the broker log).`);
  ctx.logger.info({ topic: t.name, partitions: checked.partitions, config: topicConfig.config }, 'created topic');
  return ok(ctx.topicIds.idOf(t.name));
}

/**
 * CreateTopics: every refusal carries Kafka's error code and a message that
 * names the reason (v1+). Of the per-topic configs, cleanup.policy, retention.ms,
 * retention.bytes, delete.retention.ms, min.cleanable.dirty.ratio, segment.ms and segment.bytes
 * are kept and acted on (a bad value: 40 INVALID_CONFIG); the others are accepted and
 * ignored.
 */
export function handleCreateTopics(ctx: BrokerContext, req: CreateTopicsRequest, info: RequestInfo): CreateTopicsResponse {
  const counts = new Map<string, number>();
  for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const duplicates = new Set([...counts].filter(([, n]) => n > 1).map(([name]) => name));
  return { topics: req.topics.map((t) => createOne(ctx, t, req, info.apiVersion, duplicates)) };
}

/** DeleteTopics by name (v0-v5) or by name or id (v6). Deletion is synchronous here; Kafka's is not. */
export function handleDeleteTopics(ctx: BrokerContext, req: DeleteTopicsRequest): DeleteTopicsResponse {
  const wanted = [...req.topicNames.map((name) => ({ name, topicId: ZERO_UUID })), ...req.topics];
  return {
    topics: wanted.map((w) => {
      const { name, topicId } = resolveTopic(ctx, w.name, w.topicId);
      const info = name === null ? undefined : ctx.logs.topics().find((t) => t.name === name);
      if (!info) {
        const byId = !w.name && w.topicId !== ZERO_UUID;
        return {
          name: w.name,
          topicId: w.topicId,
          errorCode: byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          errorMessage: byId ? 'This server does not host this topic ID.' : 'This server does not host this topic-partition.',
        };
      }
      const errorCode = topicOperation(ctx, () => ctx.logs.deleteTopic(info.name));
      if (errorCode === ErrorCode.NONE) {
        ctx.topicIds.forget(info.name);
        ctx.groups.onTopicDeleted?.(info.name); // committed offsets go with the topic, as in Kafka
        ctx.logger.info({ topic: info.name }, 'deleted topic');
      }
      // Long-polls on the deleted partitions answer now (with UNKNOWN_TOPIC_OR_PARTITION).
      ctx.waiters.notifyTopic(info.name, info.partitions);
      return { name: info.name, topicId, errorCode, errorMessage: errorCode === ErrorCode.NONE ? null : 'Could not delete the topic (see the broker log).' };
    }),
  };
}

/**
 * Idempotent producers only: transactions are not supported by this broker.
 * A producer re-initialising with its current id and epoch (v3+, KIP-360)
 * gets a new id, as Kafka gives a non-transactional producer.
 */
export function handleInitProducerId(ctx: BrokerContext, req: InitProducerIdRequest): InitProducerIdResponse {
  if (req.transactionalId !== null) {
    return { errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1, producerEpoch: -1 };
  }
  return { errorCode: ErrorCode.NONE, producerId: ctx.meta.allocateProducerId(), producerEpoch: 0 };
}
