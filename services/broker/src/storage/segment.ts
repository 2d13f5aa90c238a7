/**
 * One segment of a partition: `<20-digit base offset>.log`, holding whole
 * RecordBatch v2 exactly as received (baseOffset patched). The file is the
 * only copy of the data; memory holds just the sparse indexes and a few
 * counters. The descriptor, positioned I/O and fsync are segment-file.ts's;
 * walking and checking batch headers is segment-scan.ts's.
 */
import { join } from 'node:path';
import { OffsetIndex } from './offset-index.ts';
import { FRESH_BUFFERS, type ReadTarget } from './read-buffers.ts';
import { CorruptBatchError } from './types.ts';
import { TimeIndex } from './time-index.ts';
import { SegmentFile } from './segment-file.ts';
import { LOOKUP_CHUNK, type SegmentProblem, checkSegmentFile, scanHeaders } from './segment-scan.ts';
import { type BatchHeader, HEADER_SIZE, LOG_OVERHEAD, OFF_LAST_OFFSET_DELTA, OFF_MAGIC, batchSizeAt, crcMatches, readInt64 } from './record-batch.ts';

export const SEGMENT_SUFFIX = '.log';

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

/** Base offset from a segment file name, or null when the name is not one. */
export function parseSegmentFileName(name: string): number | null {
  const m = /^(\d{20})\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}

export interface OpenSegmentOptions {
  indexIntervalBytes: number;
  /** Verify every batch's CRC-32C (see docs/broker-storage.md, "Recovery"). */
  verifyCrc: boolean;
  /** Called for each good batch before the first problem, in order (producer-state rebuild). */
  onBatch?: (h: BatchHeader) => void;
  /**
   * The segment was written by the log cleaner (or lies below its
   * checkpoint): offsets may jump forward between batches, where compaction
   * removed whole batches. They still never go back.
   */
  compacted?: boolean;
}

export interface OpenedSegment {
  /** Indexed up to the first problem (`size` is that position). */
  segment: Segment;
  /** Damaged ranges, in file order. */
  problems: SegmentProblem[];
  /** Offset after the last intact batch of the file (past every damaged range). */
  endOffset: number;
  fileSize: number;
}

export class Segment {
  readonly path: string;
  /** Bytes of whole, valid batches. */
  size = 0;
  /** Offset after the last batch (= baseOffset when empty). */
  nextOffset: number;
  /** Largest batch maxTimestamp, -1 when empty. */
  maxTimestamp = -1;
  /** The first batch's maxTimestamp, -1 when empty: `segment.ms` rolls by it, as Kafka does. */
  firstBatchTimestamp = -1;
  /** Compacted: offsets may have gaps between batches (see OpenSegmentOptions.compacted). */
  compacted = false;
  private readonly offsetIndex = new OffsetIndex();
  private readonly timeIndex = new TimeIndex();
  private bytesSinceIndex = 0;
  /** Where the batch after the last read starts: sequential fetches skip the index scan. */
  private readHint = { offset: -1, position: 0 };

  private constructor(
    readonly baseOffset: number,
    private readonly file: SegmentFile,
    private readonly indexIntervalBytes: number,
  ) {
    this.path = file.path;
    this.nextOffset = baseOffset;
  }

  static create(dir: string, baseOffset: number, indexIntervalBytes: number): Segment {
    return new Segment(baseOffset, SegmentFile.create(join(dir, segmentFileName(baseOffset))), indexIntervalBytes);
  }

  /**
   * Open an existing segment: scan its batch headers to rebuild the indexes,
   * checking framing, offset continuity and (when asked) CRCs. Nothing is
   * changed on disk: the caller decides what a problem means (a torn tail
   * is cut with truncateTo; damage elsewhere refuses the open). After a
   * problem the scan looks for the next intact batch, so every damaged range
   * of the file is reported and what follows it is known to be intact.
   */
  static open(dir: string, baseOffset: number, opts: OpenSegmentOptions): OpenedSegment {
    const file = SegmentFile.open(join(dir, segmentFileName(baseOffset)));
    const seg = new Segment(baseOffset, file, opts.indexIntervalBytes);
    seg.compacted = opts.compacted ?? false;
    const fileSize = file.byteLength();
    const { problems, endOffset } = checkSegmentFile(file, fileSize, { baseOffset, verifyCrc: opts.verifyCrc, compacted: seg.compacted }, (h) => {
      seg.indexBatch(h.baseOffset, h.lastOffsetDelta, h.maxTimestamp, h.position, h.size);
      opts.onBatch?.(h);
    });
    if (problems.length > 0) seg.size = problems[0]!.position;
    return { segment: seg, problems, endOffset, fileSize };
  }

  /**
   * Append batches already validated and offset-patched in `buf`. `batches`
   * carry their positions inside buf and their assigned base offsets.
   */
  append(buf: Buffer, batches: readonly BatchHeader[]): void {
    const start = this.size;
    this.file.write(buf, start);
    for (const h of batches) {
      this.indexBatch(h.baseOffset, h.lastOffsetDelta, h.maxTimestamp, start + h.position, h.size);
    }
  }

  /** Cut the file (a failed partial write, e.g. ENOSPC, or a torn tail on open) so it ends on a batch boundary. */
  truncateTo(size: number, sync = false): void {
    this.file.truncate(size, sync);
    this.size = size;
  }

  private indexBatch(baseOffset: number, lastOffsetDelta: number, maxTimestamp: number, position: number, size: number): void {
    if (this.bytesSinceIndex >= this.indexIntervalBytes) {
      this.offsetIndex.append(baseOffset - this.baseOffset, position);
      this.timeIndex.append(this.maxTimestamp, position);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += size;
    if (position === 0) this.firstBatchTimestamp = maxTimestamp;
    if (maxTimestamp > this.maxTimestamp) this.maxTimestamp = maxTimestamp;
    this.nextOffset = baseOffset + lastOffsetDelta + 1;
    this.size = position + size;
  }

  /** File position of the batch containing `offset`, or -1 when it is not in this segment. */
  findBatch(offset: number): number {
    if (offset < this.baseOffset || offset >= this.nextOffset) return -1;
    if (offset === this.readHint.offset) return this.readHint.position;
    let found = -1;
    scanHeaders(this.file, this.offsetIndex.lookup(offset - this.baseOffset), this.size, LOOKUP_CHUNK, (h) => {
      if (h.baseOffset + h.lastOffsetDelta < offset) return true;
      found = h.position;
      return false;
    });
    return found;
  }

  /**
   * Whole batches from `position` (where the batch holding `offset` starts),
   * at most maxBytes of them but always at least the first batch, read into
   * a buffer from `target` (a Fetch passes its response's slab arena; the
   * bytes go to a socket asynchronously). Every batch is checked before it
   * is served: its CRC-32C, and offsets that continue from `offset`. A read
   * ends before the first bad batch, and throws CorruptBatchError when that
   * is the first one: a damaged record is never served.
   */
  readFrom(position: number, maxBytes: number, offset: number, target: ReadTarget = FRESH_BUFFERS): Buffer {
    const available = this.size - position;
    if (available <= 0) return Buffer.alloc(0);
    const len = Math.min(Math.max(maxBytes, HEADER_SIZE), available);
    let buf = target.reserve(len);
    this.file.read(buf, position);
    let end = 0;
    while (end + LOG_OVERHEAD <= len) {
      const s = batchSizeAt(buf, end);
      if (s < HEADER_SIZE || end + s > len) break;
      end += s;
    }
    if (end === 0) {
      // The first batch alone is larger than maxBytes: return it whole anyway.
      const s = batchSizeAt(buf, 0);
      if (s < HEADER_SIZE || s > available) {
        target.commit(0);
        throw this.corrupt(position, buf, `batch length ${s - LOG_OVERHEAD} does not fit the segment`);
      }
      buf = target.reserve(s);
      this.file.read(buf, position);
      end = s;
    }
    let good = 0;
    let next = offset;
    while (good < end) {
      const s = batchSizeAt(buf, good);
      const base = readInt64(buf, good);
      const last = base + buf.readInt32BE(good + OFF_LAST_OFFSET_DELTA);
      // In a compacted segment the batch found for `offset` may start after it (the offsets
      // between were compacted away, so the next surviving record is served) and batches may
      // skip offsets; they still never go back.
      const offsetsOk = good === 0 ? (this.compacted || base <= offset) && offset <= last : this.compacted ? base >= next : base === next;
      const problem = buf.readInt8(good + OFF_MAGIC) !== 2 ? 'bad magic' : !offsetsOk ? 'offsets out of sequence' : !crcMatches(buf, good, s) ? 'CRC-32C mismatch' : null;
      if (problem) {
        if (good > 0) break; // serve the intact batches before it; the next read reports it
        target.commit(0);
        throw this.corrupt(position, buf, problem);
      }
      next = last + 1;
      good += s;
    }
    target.commit(good);
    this.readHint = { offset: next, position: position + good };
    return good < buf.length ? buf.subarray(0, good) : buf;
  }

  private corrupt(position: number, buf: Buffer, problem: string): CorruptBatchError {
    const base = buf.length >= LOG_OVERHEAD ? readInt64(buf, 0) : -1;
    const last = buf.length >= HEADER_SIZE ? base + buf.readInt32BE(OFF_LAST_OFFSET_DELTA) : base;
    return new CorruptBatchError(`${this.path} at byte ${position}: ${problem} (stored offsets ${base}..${last}); not served`);
  }

  /** Header of the first batch whose maxTimestamp >= ts, or null. */
  findByTimestamp(ts: number): BatchHeader | null {
    if (this.maxTimestamp < ts) return null;
    let found: BatchHeader | null = null;
    scanHeaders(this.file, this.timeIndex.lookup(ts), this.size, LOOKUP_CHUNK, (h) => {
      if (h.maxTimestamp < ts) return true;
      found = h;
      return false;
    });
    return found;
  }

  /** `len` bytes from `position` into a fresh buffer (the log cleaner's reads). */
  readRange(position: number, len: number): Buffer {
    const buf = Buffer.allocUnsafe(len);
    this.file.read(buf, position);
    return buf;
  }

  /** One whole batch's bytes. */
  readBatch(h: BatchHeader): Buffer {
    const buf = Buffer.allocUnsafe(h.size);
    this.file.read(buf, h.position);
    return buf;
  }

  /** fdatasync (blocking) if anything was written since the last completed flush. */
  flush(): void {
    this.file.flush();
  }

  /** The interval flush policy: fdatasync on the libuv threadpool (segment-file.ts). */
  flushInBackground(onError: (err: Error) => void): void {
    this.file.flushInBackground(onError);
  }

  /** Stop appending: fsync the file and let its descriptor join the bounded pool. */
  seal(): void {
    this.file.seal();
  }

  close(): void {
    this.file.close();
  }

  delete(): void {
    this.file.delete();
  }

  memoryBytes(): number {
    return this.offsetIndex.memoryBytes() + this.timeIndex.memoryBytes();
  }
}
