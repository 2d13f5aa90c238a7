import type { ProduceRequest, ProduceResponse } from '../../protocol/apis/produce/types.ts';
import { CLOSE_CONNECTION, NO_RESPONSE, type BrokerContext } from '../context.ts';
import { ensureTopic } from '../topics.ts';
import { ErrorCode } from '../error-codes.ts';

type PartitionResult = ProduceResponse['topics'][number]['partitions'][number];

/**
 * Appends each partition's record set as received; storage validates the
 * batches and assigns offsets without decoding records. Runs synchronously,
 * so requests are appended in arrival order.
 */
export function handleProduce(ctx: BrokerContext, req: ProduceRequest): ProduceResponse | typeof NO_RESPONSE | typeof CLOSE_CONNECTION {
  const validAcks = req.acks === -1 || req.acks === 0 || req.acks === 1;
  const topics = req.topics.map((t) => {
    const topicError = validAcks ? ensureTopic(ctx, t.name, true) : ErrorCode.INVALID_REQUIRED_ACKS;
    return {
      name: t.name,
      partitions: t.partitions.map((p): PartitionResult => {
        const fail = (errorCode: number): PartitionResult => ({ partition: p.partition, errorCode, baseOffset: -1, logAppendTimeMs: -1 });
        if (topicError !== ErrorCode.NONE) return fail(topicError);
        if (req.transactionalId !== null) return fail(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
        const log = ctx.logs.partition(t.name, p.partition);
        if (!log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        if (p.records === null || p.records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE);
        try {
          const res = log.append(p.records);
          if (!res.ok) {
            ctx.logger.debug({ topic: t.name, partition: p.partition, errorCode: res.errorCode, reason: res.message }, 'append refused');
            return fail(res.errorCode);
          }
          if (!res.duplicate) ctx.waiters.notify(t.name, p.partition);
          return { partition: p.partition, errorCode: ErrorCode.NONE, baseOffset: res.baseOffset, logAppendTimeMs: -1 };
        } catch (err) {
          ctx.logger.error({ err, topic: t.name, partition: p.partition }, 'append failed');
          return fail(ErrorCode.UNKNOWN_SERVER_ERROR);
        }
      }),
    };
  });
  if (req.acks !== 0) return { topics };
  // acks=0: no response; a failure can only be signalled by closing the connection (as Kafka does).
  return topics.some((t) => t.partitions.some((p) => p.errorCode !== ErrorCode.NONE)) ? CLOSE_CONNECTION : NO_RESPONSE;
}
