import type { ProduceRequest, ProduceResponse } from '../../protocol/apis/produce/types.ts';
import { CLOSE_CONNECTION, NO_RESPONSE, type BrokerContext, type RequestInfo } from '../context.ts';
import { upConvert } from '../../protocol/message-sets/convert.ts';
import { ensureTopic, resolveTopic } from '../topics.ts';
import { ErrorCode } from '../error-codes.ts';

type PartitionResult = ProduceResponse['topics'][number]['partitions'][number];

/** A topic named by id (v13) that this broker does not know, or a topic whose name is known. */
function topicError(ctx: BrokerContext, name: string | null, byId: boolean, acksValid: boolean): number {
  if (!acksValid) return ErrorCode.INVALID_REQUIRED_ACKS;
  if (name === null) return byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  return ensureTopic(ctx, name, true);
}

/** Produce v3 is the first version carrying RecordBatch v2; older ones carry message sets. */
const FIRST_RECORD_BATCH_VERSION = 3;

/**
 * Appends each partition's record set as received; storage validates the
 * batches (message.max.bytes among them) and assigns offsets without
 * decoding records. Runs synchronously, so requests are appended in arrival
 * order. A refused batch is answered with Kafka's error code and, from v8,
 * storage's reason as the error message. The message sets of v0-v2 are
 * converted to one RecordBatch v2 first (see protocol/message-sets).
 */
export function handleProduce(ctx: BrokerContext, req: ProduceRequest, info: RequestInfo): ProduceResponse | typeof NO_RESPONSE | typeof CLOSE_CONNECTION {
  const legacy = info.apiVersion < FIRST_RECORD_BATCH_VERSION;
  const acksValid = req.acks === -1 || req.acks === 0 || req.acks === 1;
  const topics = req.topics.map((t) => {
    const { name, topicId } = resolveTopic(ctx, t.name, t.topicId);
    const topicCode = topicError(ctx, name, !t.name, acksValid);
    const resolvedId = name !== null && topicCode === ErrorCode.NONE ? ctx.topicIds.idOf(name) : topicId;
    return {
      name: t.name,
      topicId: resolvedId,
      partitions: t.partitions.map((p): PartitionResult => {
        const fail = (errorCode: number, errorMessage: string | null = null): PartitionResult => ({
          partition: p.partition,
          errorCode,
          baseOffset: -1,
          errorMessage,
        });
        if (topicCode !== ErrorCode.NONE || name === null) return fail(topicCode);
        if (req.transactionalId !== null) return fail(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactions are not supported by this broker.');
        const log = ctx.logs.partition(name, p.partition);
        if (!log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        if (p.records === null || p.records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE, 'Empty record set.');
        let records = p.records;
        let logAppendTimeMs = -1;
        if (legacy) {
          const converted = upConvert(p.records);
          if (!converted.ok) return fail(converted.errorCode, converted.message);
          records = converted.batch;
          logAppendTimeMs = converted.logAppendTimeMs;
        }
        try {
          const res = log.append(records);
          if (!res.ok) {
            ctx.logger.debug({ topic: name, partition: p.partition, errorCode: res.errorCode, reason: res.message }, 'append refused');
            return fail(res.errorCode, res.message);
          }
          if (!res.duplicate) ctx.waiters.notify(name, p.partition);
          return { partition: p.partition, errorCode: ErrorCode.NONE, baseOffset: res.baseOffset, logAppendTimeMs, logStartOffset: res.logStartOffset };
        } catch (err) {
          ctx.logger.error({ err, topic: name, partition: p.partition }, 'append failed');
          return fail(ErrorCode.UNKNOWN_SERVER_ERROR);
        }
      }),
    };
  });
  if (req.acks !== 0) return { topics };
  // acks=0: no response; a failure can only be signalled by closing the connection (as Kafka does).
  return topics.some((t) => t.partitions.some((p) => p.errorCode !== ErrorCode.NONE)) ? CLOSE_CONNECTION : NO_RESPONSE;
}
