/**
 * Log compaction for topics whose cleanup.policy contains `compact`, with
 * Kafka's semantics (docs/broker-storage.md, "Compaction"):
 *
 * - only closed segments are cleaned; the active segment is never touched;
 * - a pass starts when dirty bytes (closed segments at or past the cleaner
 *   checkpoint) / all closed bytes reach min.cleanable.dirty.ratio;
 * - it maps key -> latest offset over the dirty segments, then rewrites
 *   every closed segment up to the end of what it mapped, keeping the
 *   latest record of each key, every record without a key, and tombstones
 *   (null values) younger than delete.retention.ms; offsets never change
 *   (a batch keeps its offset span, a record its offset; compaction leaves
 *   gaps);
 * - consecutive segments are merged into groups of at most segmentBytes,
 *   each written to a new file and swapped in atomically (cleaner-files.ts).
 *
 * Bounded: one partition at a time, the reads in 1 MiB chunks with the event
 * loop free between them, and at most `maxKeys` keys in the map. A full map
 * ends the pass's dirty range at a segment boundary (logged); the rest is
 * cleaned by the next pass.
 */
import { closeSync, fdatasyncSync, openSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { FilePartitionLog } from './partition-log.ts';
import type { Segment } from './segment.ts';
import { cleanedFileName } from './cleaner-files.ts';
import { type BatchHeader, HEADER_SIZE, batchRecords, batchSizeAt, crcMatches, filteredBatch, headerProblem, isLogAppendTime, readHeader, recordSpans } from './record-batch.ts';

export interface CleanerOptions {
  /** How often a background pass runs (Kafka's log.cleaner.backoff.ms is 15 s). */
  intervalMs: number;
  /** Broker default of min.cleanable.dirty.ratio (Kafka's 0.5); a topic config overrides it. */
  minCleanableDirtyRatio: number;
  /** Broker default of delete.retention.ms (Kafka's 24 h); a topic config overrides it. */
  deleteRetentionMs: number;
  /** Most keys mapped in one pass (memory bound: about 100 bytes per short key). */
  maxKeys: number;
}

export const DEFAULT_CLEANER_OPTIONS: CleanerOptions = {
  intervalMs: 15_000,
  minCleanableDirtyRatio: 0.5,
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  maxKeys: 500_000,
};

export interface PartitionCleanReport {
  topic: string;
  partition: number;
  /** Offsets [from, to) were cleaned (the clean section and the dirty one). */
  from: number;
  to: number;
  segmentsBefore: number;
  segmentsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  recordsBefore: number;
  recordsRemoved: number;
  tombstonesRemoved: number;
  keys: number;
  /** The key map filled up: the pass ended early, at `to`. */
  keyMapFull: boolean;
  ms: number;
}

/** Relative offsets in a segment's index are 32-bit. */
const MAX_SEGMENT_OFFSETS = 0xffffffff;
const READ_CHUNK = 1024 * 1024;
const WRITE_CHUNK = 1024 * 1024;

class CleanAborted extends Error {}

export class LogCleaner {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private idle = true;

  constructor(
    private readonly partitions: () => FilePartitionLog[],
    private readonly segmentBytes: number,
    private readonly maxInflatedBytes: number,
    readonly options: CleanerOptions,
    private readonly logger: Logger | undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      // One pass at a time: a slow pass is not stacked up behind by the timer.
      if (this.idle) void this.runPass();
    }, this.options.intervalMs).unref();
  }

  /**
   * One pass over every compacted partition, one partition at a time
   * (after any pass already running). Partitions below their dirty ratio
   * are skipped. Resolves with what was cleaned; never rejects.
   */
  runPass(now?: number): Promise<PartitionCleanReport[]> {
    const pass = this.chain.then(() => this.pass(now));
    this.chain = pass;
    return pass;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async pass(now = Date.now()): Promise<PartitionCleanReport[]> {
    this.idle = false;
    const reports: PartitionCleanReport[] = [];
    try {
      for (const log of this.partitions()) {
        if (this.stopped) break;
        if (!log.topicConfig.cleanupPolicy.compact || log.isClosed()) continue;
        const at = { topic: log.topic, partition: log.partition };
        try {
          const report = await this.cleanPartition(log, now);
          if (report) {
            reports.push(report);
            const { topic, partition, ...rest } = report;
            this.logger?.info({ topic, partition, ...rest }, 'log cleaner compacted partition');
          }
        } catch (err) {
          if (err instanceof CleanAborted) this.logger?.info({ ...at, reason: err.message }, 'log cleaner pass abandoned');
          else this.logger?.error({ ...at, err }, 'log cleaner failed on partition; its segments are unchanged');
        }
      }
    } finally {
      this.idle = true;
    }
    return reports;
  }

  private async cleanPartition(log: FilePartitionLog, now: number): Promise<PartitionCleanReport | null> {
    const started = Date.now();
    const closed = log.closedSegments();
    if (closed.length === 0) return null;
    // Where the segments this pass cleans end (the active segment's base, read with them): segments
    // that roll while the keys are being mapped are not mapped, and stay dirty for the next pass.
    const closedEnd = log.activeBaseOffset();
    const checkpoint = log.cleanerCheckpoint();
    const firstDirty = closed.findIndex((s) => s.baseOffset >= checkpoint.cleanedTo);
    if (firstDirty < 0) return null;
    const total = sumSizes(closed);
    const dirty = sumSizes(closed.slice(firstDirty));
    const minRatio = log.topicConfig.minCleanableDirtyRatio ?? this.options.minCleanableDirtyRatio;
    if (dirty === 0 || dirty / total < minRatio) return null;

    // 1. Map every key of the dirty segments to its latest offset, whole segments at a time.
    const latest = new Map<string, number>();
    let end = closed.length;
    let keyMapFull = false;
    for (let i = firstDirty; i < closed.length && !keyMapFull; i++) {
      await this.forEachBatch(log, closed[i]!, (h, batch) => {
        for (const r of recordSpans(...recordsOf(batch, h, this.maxInflatedBytes), h.count)) {
          if (r.key === null) continue;
          const id = keyId(r.key);
          if (!latest.has(id) && latest.size >= this.options.maxKeys) {
            keyMapFull = true;
            end = i;
            return false;
          }
          latest.set(id, h.baseOffset + r.offsetDelta);
        }
        return true;
      });
    }
    const at = { topic: log.topic, partition: log.partition };
    if (keyMapFull && end === firstDirty) {
      this.logger?.error({ ...at, maxKeys: this.options.maxKeys, segment: closed[end]!.path }, 'log cleaner key map full within one segment: this partition cannot be cleaned until the cap (BROKER_CLEANER_MAX_KEYS) is raised');
      return null;
    }
    const to = end < closed.length ? closed[end]!.baseOffset : closedEnd;
    if (keyMapFull) {
      this.logger?.warn({ ...at, maxKeys: this.options.maxKeys, cleanedUpTo: to }, 'log cleaner key map full: this pass cleans up to cleanedUpTo, the next pass the rest');
    }

    // 2. Rewrite [log start, to) group by group; recovery accepts offset gaps below `to` from now on.
    const report: PartitionCleanReport = {
      ...at,
      from: closed[0]!.baseOffset,
      to,
      segmentsBefore: end,
      segmentsAfter: 0,
      bytesBefore: sumSizes(closed.slice(0, end)),
      bytesAfter: 0,
      recordsBefore: 0,
      recordsRemoved: 0,
      tombstonesRemoved: 0,
      keys: latest.size,
      keyMapFull,
      ms: 0,
    };
    log.setCleanerCheckpoint({ cleanedTo: checkpoint.cleanedTo, gapsBelow: Math.max(checkpoint.gapsBelow, to) });
    const deleteHorizon = now - (log.topicConfig.deleteRetentionMs ?? this.options.deleteRetentionMs);
    for (const group of groups(closed.slice(0, end), log.topicConfig.segmentBytes ?? this.segmentBytes)) {
      const out = await this.writeCleaned(log, group, latest, deleteHorizon, report);
      if (!out.changed && group.length === 1) {
        unlinkSync(out.path);
        report.bytesAfter += group[0]!.size;
      } else if (log.swapInCleaned(group, out.path)) {
        report.bytesAfter += out.bytes;
      } else {
        unlinkSync(out.path);
        throw new CleanAborted('the partition changed under the cleaner (retention, deletion or close)');
      }
      report.segmentsAfter++;
    }
    log.setCleanerCheckpoint({ cleanedTo: to, gapsBelow: Math.max(checkpoint.gapsBelow, to) });
    report.ms = Date.now() - started;
    return report;
  }

  /** Write the group's surviving records to `<base>.log.cleaned`, fsynced; the caller swaps it in. */
  private async writeCleaned(
    log: FilePartitionLog,
    group: readonly Segment[],
    latest: Map<string, number>,
    deleteHorizon: number,
    report: PartitionCleanReport,
  ): Promise<{ path: string; bytes: number; changed: boolean }> {
    if (this.stopped || log.isClosed()) throw new CleanAborted('the broker is stopping or the partition closed');
    const path = join(log.dir, cleanedFileName(group[0]!.baseOffset));
    const fd = openSync(path, 'w');
    let bytes = 0;
    let changed = false;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const drain = (): void => {
      const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      let done = 0;
      while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, bytes + done);
      bytes += buf.length;
      pending = [];
      pendingBytes = 0;
    };
    try {
      for (const seg of group) {
        await this.forEachBatch(log, seg, (h, batch) => {
          const records = batchRecords(batch, h, this.maxInflatedBytes);
          const spans = recordSpans(records, 0, records.length, h.count);
          report.recordsBefore += spans.length;
          const kept = spans.filter((r) => {
            if (r.key === null) return true; // Kafka refuses them on compacted topics; older data keeps them
            const offset = h.baseOffset + r.offsetDelta;
            if ((latest.get(keyId(r.key)) ?? -1) > offset) return false;
            const timestamp = isLogAppendTime(h) ? h.maxTimestamp : h.firstTimestamp + r.timestampDelta;
            if (r.tombstone && timestamp < deleteHorizon) {
              report.tombstonesRemoved++;
              return false;
            }
            return true;
          });
          report.recordsRemoved += spans.length - kept.length;
          if (kept.length !== spans.length) changed = true;
          if (kept.length > 0) {
            const out = kept.length === spans.length ? batch : filteredBatch(batch, h, records, kept);
            pending.push(out);
            pendingBytes += out.length;
            if (pendingBytes >= WRITE_CHUNK) drain();
          }
          return true;
        });
      }
      if (pending.length > 0) drain();
      fdatasyncSync(fd);
    } catch (err) {
      closeSync(fd);
      try {
        unlinkSync(path);
      } catch {
        /* the partition's directory went with its topic; the next open removes a leftover anyway */
      }
      throw err;
    }
    closeSync(fd);
    // Age-based retention (compact,delete) goes by the segment's newest record, or its mtime without one.
    const newest = Math.max(...group.map((s) => (s.maxTimestamp >= 0 ? s.maxTimestamp : statSync(s.path).mtimeMs)));
    utimesSync(path, new Date(), new Date(newest));
    return { path, bytes, changed };
  }

  /**
   * Visit every batch of a closed segment, reading it in 1 MiB chunks and
   * yielding to the event loop between them. A batch that fails its CRC-32C
   * stops the partition's pass: damaged data is never rewritten.
   */
  private async forEachBatch(log: FilePartitionLog, seg: Segment, visit: (h: BatchHeader, batch: Buffer) => boolean): Promise<void> {
    let pos = 0;
    while (pos < seg.size) {
      if (this.stopped || log.isClosed()) throw new CleanAborted('the broker is stopping or the partition closed');
      if (!log.closedSegments().includes(seg)) throw new CleanAborted('retention deleted a segment being cleaned');
      const chunk = seg.readRange(pos, Math.min(READ_CHUNK, seg.size - pos));
      let at = 0;
      while (chunk.length - at >= HEADER_SIZE && at + batchSizeAt(chunk, at) <= chunk.length) {
        const size = batchSizeAt(chunk, at);
        if (!checkedBatch(seg, chunk.subarray(at, at + size), pos + at, visit)) return;
        at += size;
      }
      if (at === 0) {
        // One batch larger than the chunk (or a damaged length): read it alone.
        const size = batchSizeAt(seg.readRange(pos, Math.min(HEADER_SIZE, seg.size - pos)), 0);
        if (size < HEADER_SIZE || pos + size > seg.size) throw new Error(`${seg.path} at byte ${pos}: batch length does not fit the segment; not compacted`);
        if (!checkedBatch(seg, seg.readRange(pos, size), pos, visit)) return;
        at = size;
      }
      pos += at;
      await yieldToEventLoop();
    }
  }
}

/** Framing and CRC-32C checked, then visited. */
function checkedBatch(seg: Segment, batch: Buffer, position: number, visit: (h: BatchHeader, batch: Buffer) => boolean): boolean {
  const problem = headerProblem(batch, 0, batch.length);
  if (problem) throw new Error(`${seg.path} at byte ${position}: ${problem}; not compacted`);
  const h = readHeader(batch, 0, position);
  if (h.size !== batch.length || !crcMatches(batch, 0, h.size)) throw new Error(`${seg.path} at byte ${position}: CRC-32C mismatch; not compacted`);
  return visit(h, batch);
}

function recordsOf(batch: Buffer, h: BatchHeader, maxInflatedBytes: number): [Buffer, number, number] {
  const records = batchRecords(batch, h, maxInflatedBytes);
  return [records, 0, records.length];
}

function sumSizes(segments: readonly Segment[]): number {
  let n = 0;
  for (const s of segments) n += s.size;
  return n;
}

/** Consecutive segments, at most segmentBytes (and 2^32 offsets) per group, at least one each. */
function groups(segments: readonly Segment[], segmentBytes: number): Segment[][] {
  const out: Segment[][] = [];
  let current: Segment[] = [];
  let bytes = 0;
  for (const s of segments) {
    const fits = current.length > 0 && bytes + s.size <= segmentBytes && s.nextOffset - current[0]!.baseOffset <= MAX_SEGMENT_OFFSETS;
    if (!fits && current.length > 0) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(s);
    bytes += s.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A map key for a record key: short keys as they are, long ones by digest, so an entry stays small. */
function keyId(key: Buffer): string {
  if (key.length <= 64) return `k${key.toString('latin1')}`;
  return `h${createHash('sha256').update(key).digest('base64')}`;
}
