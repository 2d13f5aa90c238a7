/**
 * Contract between the broker's request handlers and its storage.
 * Offsets and timestamps are JS numbers (safe below 2^53, far beyond what a
 * dev broker reaches). All calls are synchronous: the broker is one event
 * loop, so a synchronous log gives request ordering for free.
 *
 * Implementation: `openLogManager(dataDir, config?, { logger, retentionCheckMs })`
 * in ./log-manager.ts (DEFAULT_LOG_CONFIG there; partial configs are merged
 * onto it). Topic-operation refusals throw TopicOperationError (errorCode).
 * close() writes a clean-shutdown marker: call it on graceful stop so the
 * next start can skip the CRC pass over the tail segments.
 */
import { KafkaErrorCode } from '@newswire/kafka/error-codes';
import type { ReadTarget } from './read-buffers.ts';
import type { TopicConfig } from './topic-config.ts';

export interface LogConfig {
  /** Roll to a new segment past this many bytes. */
  segmentBytes: number;
  /** Delete whole segments older than this (by max timestamp); -1 = keep forever. */
  retentionMs: number;
  /** Delete oldest segments while the partition is larger than this; -1 = no limit. */
  retentionBytes: number;
  /** 'always' fsyncs before acknowledging; a number fsyncs every N ms. */
  flush: 'always' | number;
  /** One sparse index entry every this many bytes appended. */
  indexIntervalBytes: number;
  /** Largest single batch accepted, error 10 above it (default 16 MiB). */
  maxBatchBytes?: number;
  /** Gzip-bomb guard: a gzip batch inflating beyond this is refused with error 10 (default 64 MiB). */
  maxInflatedBytes?: number;
}

export type AppendResult =
  | { ok: true; baseOffset: number; duplicate: boolean; logStartOffset: number }
  /** Kafka error code: 2 CORRUPT_MESSAGE, 45 OUT_OF_ORDER_SEQUENCE_NUMBER, 46 DUPLICATE_SEQUENCE_NUMBER,
   *  47 INVALID_PRODUCER_EPOCH, 76 UNSUPPORTED_COMPRESSION_TYPE, 87 INVALID_RECORD, 10 MESSAGE_TOO_LARGE */
  | { ok: false; errorCode: number; message: string };

export interface PartitionLog {
  readonly topic: string;
  readonly partition: number;
  /** First offset still stored. */
  logStartOffset(): number;
  /** Offset the next appended record gets (= high watermark on a single node). */
  highWatermark(): number;
  /**
   * Append the record set of one produce request partition: one or more
   * RecordBatch v2, as received. Validates (magic 2, CRC-32C, codec 0 or 1,
   * lengths), assigns offsets by patching baseOffset, dedupes idempotent
   * retries by (producerId, epoch, sequence): a duplicate returns the offset
   * of the original with duplicate=true and writes nothing.
   * NOTE: patches baseOffset IN PLACE in `recordSet` (no copy); the buffer is
   * fully written before append returns, so the caller may reuse it after.
   * An idempotent batch must come alone (Kafka's one-batch-per-partition rule).
   */
  append(recordSet: Buffer): AppendResult;
  /**
   * Whole batches starting with the one containing `offset`, up to maxBytes,
   * but always at least one whole batch when offset < highWatermark.
   * Returns an empty buffer at the high watermark. The bytes are read into
   * a buffer from `target`: freshly allocated by default; a Fetch passes
   * its response's slab arena and gives the slabs back once sent.
   * Throws OffsetOutOfRange when offset < logStartOffset or > highWatermark,
   * CorruptBatchError when the batch holding `offset` fails its CRC-32C
   * (batches after a bad one are left out of the read, so it comes first
   * in the next). Offsets a repair isolated are skipped, like compacted ones.
   */
  read(offset: number, maxBytes: number, target?: ReadTarget): Buffer;
  /** First offset whose batch maxTimestamp >= ts (exact: the record's own timestamp), or -1 when none. */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null;
  /** Bytes stored, over all segments. */
  sizeBytes(): number;
  /** Apply retention now (also run on a timer by the LogManager). */
  enforceRetention(now: number): void;
  flush(): void;
  close(): void;
}

export class OffsetOutOfRange extends Error {
  readonly errorCode = KafkaErrorCode.OFFSET_OUT_OF_RANGE;
}

/**
 * Thrown by read() when the batch at the requested offset is not what was
 * written (CRC-32C or offsets wrong): it is never served. Kafka answers such
 * a Fetch with CORRUPT_MESSAGE; the message names the file and byte.
 */
export class CorruptBatchError extends Error {
  override name = 'CorruptBatchError';
  readonly errorCode = KafkaErrorCode.CORRUPT_MESSAGE;
}

export interface TopicInfo {
  name: string;
  partitions: number;
}

export interface LogManager {
  topics(): TopicInfo[];
  hasTopic(name: string): boolean;
  /** Creates the topic's directories (with its configs: cleanup.policy...); throws if it exists. */
  createTopic(name: string, partitions: number, topicConfig?: TopicConfig): void;
  deleteTopic(name: string): void;
  partition(topic: string, partition: number): PartitionLog | undefined;
  close(): void;
}
