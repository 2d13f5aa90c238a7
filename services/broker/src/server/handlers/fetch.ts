import type { FetchRequest, FetchResponse } from '../../protocol/apis/fetch/types.ts';
import { CorruptBatchError, OffsetOutOfRange } from '../../storage/types.ts';
import { SlabArena, type ReadTarget } from '../../storage/read-buffers.ts';
import type { BrokerContext, RequestInfo } from '../context.ts';
import { FetchWaiters } from '../fetch-waiters.ts';
import { resolveTopic } from '../topics.ts';
import { ErrorCode } from '../error-codes.ts';
import { downConvert } from '../../protocol/message-sets/convert.ts';

const EMPTY = Buffer.alloc(0);
/** Fetch session epochs that mean "a full request" (KIP-227): this broker never opens a session. */
const INITIAL_EPOCH = 0;
const FINAL_EPOCH = -1;
/** Fetch v4 is the first version whose clients read RecordBatch v2; v2-v3 read magic 1, v0-v1 magic 0. */
const FIRST_RECORD_BATCH_VERSION = 4;

type TopicAnswer = FetchResponse['topics'][number];
type PartitionAnswer = TopicAnswer['partitions'][number];

interface ReadOutcome {
  response: FetchResponse;
  bytes: number;
  anyError: boolean;
}

/** A topic of the request, with its name (null when named by an id this broker does not know). */
interface WantedTopic {
  name: string | null;
  topicId: string;
  request: FetchRequest['topics'][number];
}

/**
 * One pass over the requested partitions, the way Kafka bounds a fetch
 * (KIP-74): the response carries at most `totalMax` record bytes, each
 * partition at most its own max_bytes, except that the first partition with
 * data always returns at least one whole batch, so a batch bigger than the
 * limits never stalls a consumer. A later partition whose next batch does not
 * fit is answered without records. Batches are served as stored bytes.
 */
function readOnce(ctx: BrokerContext, topics: WantedTopic[], totalMax: number, target: ReadTarget, legacyMagic: 0 | 1 | null): ReadOutcome {
  let bytes = 0;
  let anyError = false;
  const answer = (t: WantedTopic): TopicAnswer => ({
    name: t.request.name,
    topicId: t.topicId,
    partitions: t.request.partitions.map((p): PartitionAnswer => {
      const missing = (errorCode: number): PartitionAnswer => {
        anyError = true;
        return { partition: p.partition, errorCode, highWatermark: -1, records: EMPTY };
      };
      if (t.name === null) return missing(t.request.name ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID);
      const log = ctx.logs.partition(t.name, p.partition);
      if (!log) return missing(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const hw = log.highWatermark();
      const done = (errorCode: number, records: Buffer): PartitionAnswer => ({
        partition: p.partition,
        errorCode,
        highWatermark: hw,
        lastStableOffset: hw,
        logStartOffset: log.logStartOffset(),
        records,
      });
      const limit = Math.min(Math.max(0, p.maxBytes), totalMax - bytes);
      const first = bytes === 0;
      if (p.fetchOffset === hw || (limit <= 0 && !first)) return done(ErrorCode.NONE, EMPTY);
      let records: Buffer;
      try {
        records = log.read(p.fetchOffset, Math.max(limit, 1), target);
      } catch (err) {
        // A stored batch failing its CRC-32C is answered as Kafka does, never served (storage/segment.ts).
        if (err instanceof CorruptBatchError) {
          anyError = true;
          return done(ErrorCode.CORRUPT_MESSAGE, EMPTY);
        }
        if (!(err instanceof OffsetOutOfRange)) throw err;
        anyError = true;
        return done(ErrorCode.OFFSET_OUT_OF_RANGE, EMPTY);
      }
      // Storage always returns a whole first batch; only the first partition with data may go over.
      if (records.length > limit && !first) return done(ErrorCode.NONE, EMPTY);
      bytes += records.length;
      return done(ErrorCode.NONE, legacyMagic === null ? records : downConvert(records, legacyMagic, p.fetchOffset));
    }),
  });
  return { response: { topics: topics.map(answer) }, bytes, anyError };
}

/**
 * Books a response's bytes against the broker-wide budget until the socket
 * is done with them. A failed write closes the connection without running
 * afterSend (its buffers are left to the GC), so the bytes also come back
 * when the connection goes.
 */
function bookBytes(ctx: BrokerContext, info: RequestInfo, bytes: number, arena: SlabArena): void {
  ctx.fetchBudget.take(bytes);
  let booked = true;
  const giveBack = (): void => {
    if (!booked) return;
    booked = false;
    ctx.fetchBudget.give(bytes);
    info.signal.removeEventListener('abort', giveBack);
  };
  info.signal.addEventListener('abort', giveBack);
  info.afterSend(() => {
    giveBack();
    arena.release();
  });
}

/**
 * Fetch with long-poll: answer at once when min_bytes are there (or on an
 * error), else wait for an append to a watched partition or max_wait_ms.
 *
 * Bounds: a response carries at most min(max_bytes, fetch.max.bytes) record
 * bytes, and all responses not yet sent share one broker-wide budget: when it
 * is spent, a Fetch gets one batch (its first partition's) instead of what it
 * asked for. So a client asking for 2 GB gets fetch.max.bytes, and many such
 * clients at once cost the budget, not their sum. Record batches are read
 * into pooled slabs, given back once the socket has sent the response (or at
 * once, for a pass whose answer is not sent).
 */
export async function handleFetch(ctx: BrokerContext, req: FetchRequest, info: RequestInfo): Promise<FetchResponse> {
  if (req.sessionId !== 0 && req.sessionEpoch !== INITIAL_EPOCH && req.sessionEpoch !== FINAL_EPOCH) {
    // An incremental fetch in a session this broker never opened.
    return { errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, topics: [] };
  }
  const topics: WantedTopic[] = req.topics.map((t) => ({ ...resolveTopic(ctx, t.name, t.topicId), request: t }));
  const waitMs = Math.min(Math.max(0, req.maxWaitMs), ctx.maxFetchWaitMs);
  const deadline = Date.now() + waitMs;
  const keys = topics.flatMap((t) => (t.name === null ? [] : t.request.partitions.map((p) => FetchWaiters.key(t.name!, p.partition))));
  const arena = new SlabArena(ctx.readSlabs);
  // Old clients get stored batches as the message sets they read (counted at their stored size).
  const legacyMagic = info.apiVersion >= FIRST_RECORD_BATCH_VERSION ? null : info.apiVersion >= 2 ? 1 : 0;
  for (;;) {
    // Stopping, or the client left: nobody reads the answer; do not touch (closed) storage.
    if (ctx.closing || info.signal.aborted) return { topics: [] };
    const totalMax = Math.min(Math.max(0, req.maxBytes), ctx.fetchMaxBytes, ctx.fetchBudget.available());
    let outcome: ReadOutcome;
    try {
      outcome = readOnce(ctx, topics, totalMax, arena, legacyMagic);
    } catch (err) {
      arena.release();
      throw err;
    }
    const remaining = deadline - Date.now();
    if (outcome.anyError || outcome.bytes >= req.minBytes || remaining <= 0 || ctx.closing || keys.length === 0) {
      bookBytes(ctx, info, outcome.bytes, arena);
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
