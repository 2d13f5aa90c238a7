import type { BrokerContext } from './context.ts';
import { ErrorCode } from './error-codes.ts';

const LEGAL_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's topic name rule; "." and ".." are reserved. */
export function isValidTopicName(name: string): boolean {
  return LEGAL_TOPIC.test(name) && name !== '.' && name !== '..';
}

/**
 * Make sure a topic exists, auto-creating it synchronously (so the same
 * Metadata/Produce response can already carry it, without LEADER_NOT_AVAILABLE
 * round trips). Returns the error code for the topic.
 */
export function ensureTopic(ctx: BrokerContext, name: string, allowAutoCreate: boolean): number {
  if (ctx.logs.hasTopic(name)) return ErrorCode.NONE;
  if (!isValidTopicName(name)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
  if (!ctx.autoCreateTopics || !allowAutoCreate) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  ctx.logs.createTopic(name, ctx.defaultPartitions);
  ctx.logger.info({ topic: name, partitions: ctx.defaultPartitions }, 'auto-created topic');
  return ErrorCode.NONE;
}

/** Partition counts by topic name, for handlers that look up many topics at once. */
export function partitionCounts(ctx: BrokerContext): Map<string, number> {
  return new Map(ctx.logs.topics().map((t) => [t.name, t.partitions]));
}
