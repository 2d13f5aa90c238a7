import type { FetchRequest, FetchResponse } from '../../protocol/apis/fetch/types.ts';
import { CorruptBatchError, OffsetOutOfRange } from '../../storage/types.ts';
import { SlabArena, type ReadTarget } from '../../storage/read-buffers.ts';
import type { BrokerContext, RequestInfo } from '../context.ts';
import { FetchWaiters } from '../fetch-waiters.ts';
import { ErrorCode } from '../error-codes.ts';

const EMPTY = Buffer.alloc(0);

interface ReadOutcome {
  response: FetchResponse;
  bytes: number;
  anyError: boolean;
}

/**
 * One pass over the requested partitions. Batches are served as stored
 * bytes. max_bytes bounds the response, except that the first partition
 * with data always returns at least one whole batch (storage guarantees
 * that), so a batch bigger than the limit never stalls a consumer.
 */
function readOnce(ctx: BrokerContext, req: FetchRequest, target: ReadTarget): ReadOutcome {
  let bytes = 0;
  let anyError = false;
  const totalMax = Math.max(0, req.maxBytes);
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const log = ctx.logs.partition(t.name, p.partition);
      if (!log) {
        anyError = true;
        return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1, lastStableOffset: -1, records: EMPTY };
      }
      const hw = log.highWatermark();
      let records: Buffer = EMPTY;
      let errorCode: number = ErrorCode.NONE;
      const budget = Math.min(Math.max(0, p.maxBytes), totalMax - bytes);
      // Past the total budget only an empty partition-level answer is sent,
      // unless nothing was returned yet (then one batch is always allowed).
      if (p.fetchOffset !== hw && (budget > 0 || bytes === 0)) {
        try {
          records = log.read(p.fetchOffset, Math.max(budget, 1), target);
        } catch (err) {
          // A stored batch failing its CRC-32C is answered as Kafka does, never served (storage/segment.ts).
          if (err instanceof CorruptBatchError) errorCode = ErrorCode.CORRUPT_MESSAGE;
          else if (err instanceof OffsetOutOfRange) errorCode = ErrorCode.OFFSET_OUT_OF_RANGE;
          else throw err;
          anyError = true;
        }
      }
      bytes += records.length;
      return { partition: p.partition, errorCode, highWatermark: hw, lastStableOffset: hw, records };
    }),
  }));
  return { response: { topics }, bytes, anyError };
}

/**
 * Fetch v4 with long-poll: answer at once when min_bytes are there (or on
 * an error), else wait for an append to a watched partition or max_wait_ms.
 * Record batches are read into pooled slabs, given back once the socket has
 * sent the response (or at once, for a pass whose answer is not sent).
 */
export async function handleFetch(ctx: BrokerContext, req: FetchRequest, info: RequestInfo): Promise<FetchResponse> {
  const waitMs = Math.min(Math.max(0, req.maxWaitMs), ctx.maxFetchWaitMs);
  const deadline = Date.now() + waitMs;
  const keys = req.topics.flatMap((t) => t.partitions.map((p) => FetchWaiters.key(t.name, p.partition)));
  const arena = new SlabArena(ctx.readSlabs);
  for (;;) {
    // Stopping, or the client left: nobody reads the answer; do not touch (closed) storage.
    if (ctx.closing || info.signal.aborted) return { topics: [] };
    let outcome: ReadOutcome;
    try {
      outcome = readOnce(ctx, req, arena);
    } catch (err) {
      arena.release();
      throw err;
    }
    const remaining = deadline - Date.now();
    if (outcome.anyError || outcome.bytes >= req.minBytes || remaining <= 0 || ctx.closing || keys.length === 0) {
      info.afterSend(() => arena.release());
      return outcome.response;
    }
    arena.release(); // this pass's bytes are dropped: the next pass reads afresh
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        cancel();
        info.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, remaining);
      const cancel = ctx.waiters.watch(keys, done);
      info.signal.addEventListener('abort', done);
    });
  }
}
