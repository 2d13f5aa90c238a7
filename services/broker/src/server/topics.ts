import type { BrokerContext } from './context.ts';
import { ErrorCode } from './error-codes.ts';
import { TopicOperationError } from '../storage/log-manager.ts';
import { ZERO_UUID } from './topic-ids.ts';
import type { TopicConfig } from '../storage/topic-config.ts';

const LEGAL_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's topic name rule; "." and ".." are reserved. */
export function isValidTopicName(name: string): boolean {
  return LEGAL_TOPIC.test(name) && name !== '.' && name !== '..';
}

/**
 * Make sure a topic exists, auto-creating it synchronously (so the same
 * Metadata/Produce response can already carry it, without LEADER_NOT_AVAILABLE
 * round trips). Returns the error code for the topic. As in Kafka, a name is
 * only validated when the topic would be created: without auto-creation any
 * unknown name, valid or not, is UNKNOWN_TOPIC_OR_PARTITION.
 */
export function ensureTopic(ctx: BrokerContext, name: string, allowAutoCreate: boolean): number {
  if (ctx.logs.hasTopic(name)) return ErrorCode.NONE;
  if (!ctx.autoCreateTopics || !allowAutoCreate) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  if (!isValidTopicName(name)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
  const code = createTopic(ctx, name, ctx.defaultPartitions);
  if (code === ErrorCode.NONE) ctx.logger.info({ topic: name, partitions: ctx.defaultPartitions }, 'auto-created topic');
  return code;
}

/** Create a topic with a fresh topic id (a re-created name never reuses the old id). */
export function createTopic(ctx: BrokerContext, name: string, partitions: number, topicConfig?: TopicConfig): number {
  const code = topicOperation(ctx, () => ctx.logs.createTopic(name, partitions, topicConfig));
  if (code === ErrorCode.NONE) {
    ctx.topicIds.forget(name);
    ctx.topicIds.idOf(name);
  }
  return code;
}

/** A topic named in a request by name (older versions) or by id (newer ones). */
export function resolveTopic(ctx: BrokerContext, name: string | null, topicId: string): { name: string | null; topicId: string } {
  if (name) return { name, topicId: ctx.logs.hasTopic(name) ? ctx.topicIds.idOf(name) : ZERO_UUID };
  if (topicId === ZERO_UUID) return { name: null, topicId };
  const known = ctx.topicIds.nameOf(topicId);
  return { name: known !== undefined && ctx.logs.hasTopic(known) ? known : null, topicId };
}

/**
 * Run a create/delete against storage, turning its refusals into the Kafka
 * error code they carry (and unexpected I/O errors into UNKNOWN_SERVER_ERROR),
 * so one bad topic answers with an error instead of closing the connection.
 */
export function topicOperation(ctx: BrokerContext, op: () => void): number {
  try {
    op();
    return ErrorCode.NONE;
  } catch (err) {
    if (err instanceof TopicOperationError) return err.errorCode;
    ctx.logger.error({ err }, 'topic operation failed');
    return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}

/** Partition counts by topic name, for handlers that look up many topics at once. */
export function partitionCounts(ctx: BrokerContext): Map<string, number> {
  return new Map(ctx.logs.topics().map((t) => [t.name, t.partitions]));
}
