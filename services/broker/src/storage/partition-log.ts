/**
 * One partition's log: a directory of segment files, the last one active.
 * Appends validate the received batches, assign offsets by patching
 * baseOffset in place (the caller's buffer is modified; no copy), dedupe
 * idempotent retries, write, and fsync when the flush policy is 'always'.
 */
import { mkdirSync, statSync, unlinkSync } from 'node:fs';
import type { Logger } from 'pino';
import { Segment } from './segment.ts';
import { fsyncDir, recordedGaps } from './recovery.ts';
import { type RecoverPartitionOptions, type RecoveredPartition, recoverPartition } from './partition-recovery.ts';
import type { ProducerStateTable } from './producer-state.ts';
import { FRESH_BUFFERS, type ReadTarget } from './read-buffers.ts';
import { type BatchHeader, ErrorCode, batchRecords, crcMatches, firstRecordAtOrAfter, patchBaseOffset, recordSpans, validateRecordSet } from './record-batch.ts';
import { type TopicConfig, readTopicConfig, writeTopicConfig } from './topic-config.ts';
import { type CleanerCheckpoint, swapInCleanedFile, writeCleanerCheckpoint } from './cleaner-files.ts';
import { type AppendResult, CorruptBatchError, type LogConfig, type PartitionLog, OffsetOutOfRange } from './types.ts';

/** Kafka's KAFKA_STORAGE_ERROR: the disk write failed. */
const KAFKA_STORAGE_ERROR = 56;
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Relative offsets and positions in the indexes are 32-bit. */
const MAX_SEGMENT_OFFSETS = 0xffffffff;

/** How to open: recovery's options (partition-recovery.ts), and a new topic's configs. */
export interface OpenPartitionOptions extends Omit<RecoverPartitionOptions, 'topic' | 'partition' | 'indexIntervalBytes'> {
  /** A new topic's configs, written to the partition directory; an existing partition reads its own. */
  topicConfig?: TopicConfig;
}

export class FilePartitionLog implements PartitionLog {
  /** In offset order, never empty; the last one is active, the others sealed. */
  private readonly segments: Segment[];
  private readonly producers: ProducerStateTable;
  private readonly reportedCorrupt = new Set<string>();
  private readonly maxBatchBytes: number;
  private readonly maxInflatedBytes: number;
  private closed = false;
  /** cleanup.policy and the cleaner's settings for this topic (topic-config.ts). */
  topicConfig: TopicConfig;
  /** Where the log cleaner got to (cleaner-files.ts). */
  private checkpoint: CleanerCheckpoint;

  private constructor(
    readonly topic: string,
    readonly partition: number,
    readonly dir: string,
    private readonly config: LogConfig,
    private readonly logger: Logger | undefined,
    topicConfig: TopicConfig,
    recovered: RecoveredPartition,
  ) {
    this.topicConfig = topicConfig;
    this.segments = recovered.segments;
    this.producers = recovered.producers;
    this.checkpoint = recovered.checkpoint;
    this.maxBatchBytes = config.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.maxInflatedBytes = config.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  }

  /** Open (recovering) or create the partition directory. Throws LogDamagedError (see recovery.ts). */
  static open(dir: string, topic: string, partition: number, config: LogConfig, opts: OpenPartitionOptions): FilePartitionLog {
    mkdirSync(dir, { recursive: true });
    if (opts.topicConfig) writeTopicConfig(dir, opts.topicConfig);
    const topicConfig = readTopicConfig(dir);
    const { cleanShutdown, verifyAll, recovery, logger } = opts;
    const recovered = recoverPartition(dir, { topic, partition, indexIntervalBytes: config.indexIntervalBytes, cleanShutdown, verifyAll, recovery, logger });
    return new FilePartitionLog(topic, partition, dir, config, logger, topicConfig, recovered);
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  logStartOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  highWatermark(): number {
    return this.active.nextOffset;
  }

  append(recordSet: Buffer): AppendResult {
    if (this.closed) return { ok: false, errorCode: KAFKA_STORAGE_ERROR, message: 'log is closed' };
    const v = validateRecordSet(recordSet, { maxBatchBytes: this.maxBatchBytes, maxInflatedBytes: this.maxInflatedBytes });
    if (!v.ok) return v;
    const batches = v.batches;
    if (this.topicConfig.cleanupPolicy.compact) {
      const refused = this.keylessRecord(recordSet, batches);
      if (refused) return refused;
    }
    const first = batches[0]!;
    if (first.producerId >= 0 || batches.length > 1) {
      // Kafka accepts exactly one batch per partition from v3 producers; idempotence relies on it.
      if (batches.length > 1 && batches.some((b) => b.producerId >= 0)) {
        return { ok: false, errorCode: ErrorCode.INVALID_RECORD, message: 'idempotent produce must carry exactly one batch per partition' };
      }
      const verdict = this.producers.check(first);
      if (verdict.kind === 'error') return { ok: false, errorCode: verdict.errorCode, message: verdict.message };
      if (verdict.kind === 'duplicate') {
        return { ok: true, baseOffset: verdict.baseOffset, duplicate: true, logStartOffset: this.logStartOffset() };
      }
    }
    this.maybeRoll(recordSet.length, batches);
    const seg = this.active;
    const baseOffset = seg.nextOffset;
    let next = baseOffset;
    for (const h of batches) {
      patchBaseOffset(recordSet, h.position, next);
      h.baseOffset = next;
      next += h.lastOffsetDelta + 1;
    }
    const sizeBefore = seg.size;
    try {
      seg.append(recordSet, batches);
      if (this.config.flush === 'always') seg.flush();
    } catch (err) {
      // Leave the file ending on a batch boundary; the client may retry.
      try {
        seg.truncateTo(sizeBefore);
      } catch {
        /* the next open's recovery cuts it */
      }
      this.logger?.error({ err, topic: this.topic, partition: this.partition }, 'append failed');
      return { ok: false, errorCode: KAFKA_STORAGE_ERROR, message: `write failed: ${(err as Error).message}` };
    }
    for (const h of batches) this.producers.update(h, h.baseOffset);
    return { ok: true, baseOffset, duplicate: false, logStartOffset: this.logStartOffset() };
  }

  /**
   * Kafka refuses a record without a key on a compacted topic (a key is what
   * compaction keeps the latest of): INVALID_RECORD, with Kafka's message.
   */
  private keylessRecord(recordSet: Buffer, batches: readonly BatchHeader[]): AppendResult | null {
    for (const h of batches) {
      const batch = recordSet.subarray(h.position, h.position + h.size);
      let keyless: boolean;
      try {
        const records = batchRecords(batch, h, this.maxInflatedBytes);
        keyless = recordSpans(records, 0, records.length, h.count).some((r) => r.key === null);
      } catch (err) {
        // The CRC matched, so the client sent records that do not parse: nothing a consumer could read.
        return { ok: false, errorCode: ErrorCode.INVALID_RECORD, message: `records do not parse: ${(err as Error).message}` };
      }
      if (keyless) {
        return { ok: false, errorCode: ErrorCode.INVALID_RECORD, message: `Compacted topic cannot accept message without key in topic partition ${this.topic}-${this.partition}.` };
      }
    }
    return null;
  }

  private maybeRoll(bytes: number, batches: readonly BatchHeader[]): void {
    const seg = this.active;
    if (seg.size === 0) return;
    let offsets = 0;
    for (const h of batches) offsets += h.lastOffsetDelta + 1;
    const tooBig = seg.size + bytes > (this.topicConfig.segmentBytes ?? this.config.segmentBytes);
    const tooManyOffsets = seg.nextOffset + offsets - seg.baseOffset > MAX_SEGMENT_OFFSETS;
    // segment.ms: Kafka rolls once the segment's first batch is that old, so a quiet compacted
    // topic's records reach a closed segment the cleaner may clean.
    const { segmentMs } = this.topicConfig;
    const tooOld = segmentMs !== undefined && seg.firstBatchTimestamp >= 0 && Date.now() - seg.firstBatchTimestamp >= segmentMs;
    if (tooBig || tooManyOffsets || tooOld) this.roll();
  }

  /** Seal the active segment (fsync: only a tail segment can be torn) and start a new one. */
  private roll(): void {
    const old = this.active;
    old.seal();
    this.segments.push(Segment.create(this.dir, old.nextOffset, this.config.indexIntervalBytes));
    if (this.config.flush === 'always') fsyncDir(this.dir);
  }

  read(offset: number, maxBytes: number, target: ReadTarget = FRESH_BUFFERS): Buffer {
    const hw = this.highWatermark();
    if (offset < this.logStartOffset() || offset > hw) {
      throw new OffsetOutOfRange(`offset ${offset} outside [${this.logStartOffset()}, ${hw}] of ${this.topic}-${this.partition}`);
    }
    if (offset === hw) return Buffer.alloc(0);
    for (let i = this.segmentIndexFor(offset); i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      // Offsets a repair isolated (a recorded gap) are skipped, as Kafka skips compacted-away ones.
      offset = Math.max(offset, seg.baseOffset);
      const position = seg.findBatch(offset);
      if (position < 0) continue; // at the very end of this segment: the next one starts with it
      try {
        return seg.readFrom(position, maxBytes, offset, target);
      } catch (err) {
        if (err instanceof CorruptBatchError) this.reportCorrupt(err);
        throw err;
      }
    }
    return Buffer.alloc(0);
  }

  /** Damage found while serving: logged once per place (a consumer retries it), never served. */
  private reportCorrupt(err: CorruptBatchError): void {
    if (this.reportedCorrupt.has(err.message)) return;
    if (this.reportedCorrupt.size < 1000) this.reportedCorrupt.add(err.message);
    this.logger?.error({ topic: this.topic, partition: this.partition, problem: err.message }, 'stored batch is corrupt; answering CORRUPT_MESSAGE instead of serving it');
  }

  /** Index of the last segment whose base offset <= offset. */
  private segmentIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null {
    for (const seg of this.segments) {
      const h = seg.findByTimestamp(ts);
      if (!h) continue;
      const batch = seg.readBatch(h);
      // A damaged batch is not decoded: its header (checked on open) still names its first offset.
      if (!crcMatches(batch, 0, h.size)) return { offset: h.baseOffset, timestamp: h.maxTimestamp };
      return firstRecordAtOrAfter(batch, h, ts, this.maxInflatedBytes);
    }
    return null;
  }

  sizeBytes(): number {
    let total = 0;
    for (const s of this.segments) total += s.size;
    return total;
  }

  /** Bytes of index memory (tests and metrics: memory holds indexes, not messages). */
  indexMemoryBytes(): number {
    let total = 0;
    for (const s of this.segments) total += s.memoryBytes();
    return total;
  }

  segmentCount(): number {
    return this.segments.length;
  }

  /**
   * Kafka semantics, with the topic's retention.ms and retention.bytes
   * where it has them, else the broker's. By age: delete the oldest
   * segments whose newest timestamp is older than retentionMs; when that includes the active
   * segment it is rolled first, so an idle expired topic does empty out. By
   * size: delete the oldest non-active segments while what remains is still
   * at least retentionBytes.
   */
  enforceRetention(now: number): void {
    // cleanup.policy=compact alone keeps every segment; the cleaner is what shrinks such a log.
    if (this.closed || !this.topicConfig.cleanupPolicy.delete) return;
    const retentionMs = this.topicConfig.retentionMs ?? this.config.retentionMs;
    const retentionBytes = this.topicConfig.retentionBytes ?? this.config.retentionBytes;
    let deleted = 0;
    if (retentionMs >= 0) {
      // An empty active segment has nothing to expire; an empty closed one (all of it compacted
      // away, compact,delete) goes by its mtime, which the cleaner set to its records' newest.
      const expirable = (seg: Segment): boolean => seg.size > 0 || seg !== this.active;
      while (expirable(this.segments[0]!) && segmentTime(this.segments[0]!) < now - retentionMs) {
        if (this.segments.length === 1) this.roll();
        this.segments.shift()!.delete();
        deleted++;
      }
    }
    if (retentionBytes >= 0) {
      let total = this.sizeBytes();
      while (this.segments.length > 1 && total - this.segments[0]!.size >= retentionBytes) {
        const seg = this.segments.shift()!;
        total -= seg.size;
        seg.delete();
        deleted++;
      }
    }
    if (deleted > 0) {
      this.producers.expireBefore(this.logStartOffset());
      // A repaired range entirely below the log start is history now.
      for (const gap of recordedGaps(this.dir)) if (gap.to <= this.logStartOffset()) unlinkSync(gap.file);
      this.logger?.info({ topic: this.topic, partition: this.partition, deleted, logStartOffset: this.logStartOffset() }, 'retention deleted segments');
    }
  }

  // ---- for the log cleaner (log-cleaner.ts) ----

  isClosed(): boolean {
    return this.closed;
  }

  /** Every segment but the active one, oldest first: the cleaner's input. The active segment is never cleaned. */
  closedSegments(): readonly Segment[] {
    return this.segments.slice(0, -1);
  }

  /** The active segment's base offset: the end of what a pass may clean. */
  activeBaseOffset(): number {
    return this.active.baseOffset;
  }

  cleanerCheckpoint(): CleanerCheckpoint {
    return { ...this.checkpoint };
  }

  setCleanerCheckpoint(c: CleanerCheckpoint): void {
    writeCleanerCheckpoint(this.dir, c);
    this.checkpoint = { ...c };
  }

  /**
   * Swap a cleaned file in for `group` (consecutive closed segments), as
   * cleaner-files.ts describes: the cleaned file is already complete and
   * fsynced. Returns false, touching nothing, when the group is no longer
   * what the log holds (retention deleted part of it, or the log closed).
   */
  swapInCleaned(group: readonly Segment[], cleanedPath: string): boolean {
    if (this.closed) return false;
    const first = this.segments.indexOf(group[0]!);
    if (first < 0 || group.some((s, i) => this.segments[first + i] !== s)) return false;
    const next = this.segments[first + group.length];
    if (!next) return false; // the active segment always follows a closed one
    const base = group[0]!.baseOffset;
    for (const s of group) s.close();
    swapInCleanedFile(this.dir, cleanedPath, group.map((s) => s.path), base, next.baseOffset);
    const opened = Segment.open(this.dir, base, { indexIntervalBytes: this.config.indexIntervalBytes, verifyCrc: false, compacted: true });
    if (opened.problems.length > 0) throw new Error(`cleaned segment ${opened.segment.path} does not scan: ${opened.problems[0]!.reason}`);
    opened.segment.seal();
    this.segments.splice(first, group.length, opened.segment);
    return true;
  }

  flush(): void {
    for (const s of this.segments) s.flush();
  }

  /** Interval flush: only the active segment can be dirty (rolling syncs the old one). */
  flushInBackground(): void {
    if (this.closed) return;
    this.active.flushInBackground((err) => this.logger?.error({ err, topic: this.topic, partition: this.partition }, 'background flush failed'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) s.close();
  }
}

/** A segment's age: its newest record timestamp, or the file's mtime when batches carry none. */
function segmentTime(seg: Segment): number {
  if (seg.maxTimestamp >= 0) return seg.maxTimestamp;
  return statSync(seg.path).mtimeMs;
}

export { fsyncDir };
