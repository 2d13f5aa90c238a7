import type { ListOffsetsRequest, ListOffsetsResponse } from '../../protocol/apis/list-offsets/types.ts';
import type { BrokerContext } from '../context.ts';
import { ErrorCode } from '../error-codes.ts';

const LATEST = -1;
const EARLIEST = -2;

/** ListOffsets v1: -1 latest (HW), -2 earliest, T = first offset with timestamp >= T (or -1). */
export function handleListOffsets(ctx: BrokerContext, req: ListOffsetsRequest): ListOffsetsResponse {
  return {
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const log = ctx.logs.partition(t.name, p.partition);
        if (!log) return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
        if (p.timestamp === LATEST) return { partition: p.partition, errorCode: 0, timestamp: -1, offset: log.highWatermark() };
        if (p.timestamp === EARLIEST) return { partition: p.partition, errorCode: 0, timestamp: -1, offset: log.logStartOffset() };
        const found = p.timestamp >= 0 ? log.offsetForTimestamp(p.timestamp) : null;
        return found
          ? { partition: p.partition, errorCode: 0, timestamp: found.timestamp, offset: found.offset }
          : { partition: p.partition, errorCode: 0, timestamp: -1, offset: -1 };
      }),
    })),
  };
}
