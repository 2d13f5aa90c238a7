import type { CreateTopicsRequest, CreateTopicsResponse } from '../../protocol/apis/create-topics/v0.ts';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../../protocol/apis/delete-topics/v0.ts';
import type { InitProducerIdRequest, InitProducerIdResponse } from '../../protocol/apis/init-producer-id/v0.ts';
import type { ApiVersionsResponse } from '../../protocol/apis/api-versions/types.ts';
import { advertisedApiVersions } from '../../protocol/apis/index.ts';
import type { BrokerContext } from '../context.ts';
import { isValidTopicName, topicOperation } from '../topics.ts';
import { ErrorCode } from '../error-codes.ts';

export function handleApiVersions(): ApiVersionsResponse {
  return { errorCode: ErrorCode.NONE, apiKeys: advertisedApiVersions() };
}

function createOne(ctx: BrokerContext, t: CreateTopicsRequest['topics'][number], seen: Set<string>): number {
  if (seen.has(t.name)) return ErrorCode.INVALID_REQUEST;
  seen.add(t.name);
  if (!isValidTopicName(t.name)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
  if (ctx.logs.hasTopic(t.name)) return ErrorCode.TOPIC_ALREADY_EXISTS;
  // Explicit assignments fix the partition count; otherwise -1 = broker default.
  const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? ctx.defaultPartitions : t.numPartitions;
  if (partitions < 1 || partitions > ctx.maxPartitions) return ErrorCode.INVALID_PARTITIONS;
  // One node: a replication factor above 1 cannot be met, exactly as on a one-broker Kafka.
  if (t.replicationFactor !== -1 && t.replicationFactor !== 1 && t.assignments.length === 0) return ErrorCode.INVALID_REPLICATION_FACTOR;
  const code = topicOperation(ctx, () => ctx.logs.createTopic(t.name, partitions));
  if (code === ErrorCode.NONE) ctx.logger.info({ topic: t.name, partitions }, 'created topic');
  return code;
}

export function handleCreateTopics(ctx: BrokerContext, req: CreateTopicsRequest): CreateTopicsResponse {
  const seen = new Set<string>();
  return { topics: req.topics.map((t) => ({ name: t.name, errorCode: createOne(ctx, t, seen) })) };
}

export function handleDeleteTopics(ctx: BrokerContext, req: DeleteTopicsRequest): DeleteTopicsResponse {
  return {
    topics: req.names.map((name) => {
      const info = ctx.logs.topics().find((t) => t.name === name);
      if (!info) return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      const errorCode = topicOperation(ctx, () => ctx.logs.deleteTopic(name));
      if (errorCode === ErrorCode.NONE) {
        ctx.groups.onTopicDeleted?.(name); // committed offsets go with the topic, as in Kafka
        ctx.logger.info({ topic: name }, 'deleted topic');
      }
      // Long-polls on the deleted partitions answer now (with UNKNOWN_TOPIC_OR_PARTITION).
      ctx.waiters.notifyTopic(name, info.partitions);
      return { name, errorCode };
    }),
  };
}

/** Idempotent producers only: transactions are not supported by this broker. */
export function handleInitProducerId(ctx: BrokerContext, req: InitProducerIdRequest): InitProducerIdResponse {
  if (req.transactionalId !== null) {
    return { errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1, producerEpoch: -1 };
  }
  return { errorCode: ErrorCode.NONE, producerId: ctx.meta.allocateProducerId(), producerEpoch: 0 };
}
