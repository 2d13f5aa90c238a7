import type { ListOffsetsRequest, ListOffsetsResponse } from '../../protocol/apis/list-offsets/types.ts';
import type { PartitionLog } from '../../storage/types.ts';
import type { BrokerContext } from '../context.ts';
import { ErrorCode } from '../error-codes.ts';

/** Kafka's special timestamps (ListOffsetsRequest). */
const LATEST = -1;
const EARLIEST = -2;
const MAX_TIMESTAMP = -3;
const EARLIEST_LOCAL = -4;
const LATEST_TIERED = -5;
const EARLIEST_PENDING_UPLOAD = -6;
/** Every partition here has leader epoch 0 (one node, leadership never moves). */
const LEADER_EPOCH = 0;

type PartitionAnswer = ListOffsetsResponse['topics'][number]['partitions'][number];
type Found = { offset: number; timestamp: number } | null;

/**
 * The first record with the largest timestamp (-3, KIP-734), found with the
 * only timestamp lookup storage has: the first offset whose timestamp is
 * >= T exists exactly while T <= the largest timestamp, so a binary search
 * over T finds that timestamp, and the lookup at it the record.
 */
function maxTimestamp(log: PartitionLog): Found {
  if (log.highWatermark() === log.logStartOffset() || !log.offsetForTimestamp(0)) return null;
  let lo = 0; // offsetForTimestamp(lo) is known to find a record
  let hi = Number.MAX_SAFE_INTEGER; // assumed not to
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (log.offsetForTimestamp(mid)) lo = mid;
    else hi = mid;
  }
  return log.offsetForTimestamp(lo);
}

function lookup(log: PartitionLog, timestamp: number): Found {
  switch (timestamp) {
    case LATEST:
      return { offset: log.highWatermark(), timestamp: -1 };
    case EARLIEST:
    case EARLIEST_LOCAL: // no tiered storage: the local log is the whole log
      return { offset: log.logStartOffset(), timestamp: -1 };
    case MAX_TIMESTAMP:
      return maxTimestamp(log);
    case LATEST_TIERED:
    case EARLIEST_PENDING_UPLOAD:
      return null; // what Kafka answers for a topic without remote storage
    default:
      return timestamp >= 0 ? log.offsetForTimestamp(timestamp) : null;
  }
}

/**
 * ListOffsets: -1 latest (high watermark), -2 earliest, T = the first offset
 * whose timestamp is >= T (or -1), and the newer special timestamps. v0
 * answers with a list (the one offset found, if max_num_offsets allows it).
 */
export function handleListOffsets(ctx: BrokerContext, req: ListOffsetsRequest): ListOffsetsResponse {
  return {
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): PartitionAnswer => {
        const log = ctx.logs.partition(t.name, p.partition);
        if (!log) return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        const found = lookup(log, p.timestamp);
        return {
          partition: p.partition,
          errorCode: ErrorCode.NONE,
          oldStyleOffsets: found && p.maxNumOffsets > 0 ? [found.offset] : [],
          timestamp: found?.timestamp ?? -1,
          offset: found?.offset ?? -1,
          leaderEpoch: found ? LEADER_EPOCH : -1,
        };
      }),
    })),
  };
}
