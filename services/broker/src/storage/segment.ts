/**
 * One segment file of a partition: `<20-digit base offset>.log`, holding
 * whole RecordBatch v2 exactly as received (baseOffset patched). The file is
 * the only copy of the data; memory holds just the sparse indexes and a few
 * counters. All I/O is synchronous with explicit positions.
 */
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { OffsetIndex } from './offset-index.ts';
import { FRESH_BUFFERS, type ReadTarget } from './read-buffers.ts';
import { CorruptBatchError } from './types.ts';
import { TimeIndex } from './time-index.ts';
import { type BatchHeader, HEADER_SIZE, LOG_OVERHEAD, OFF_LAST_OFFSET_DELTA, OFF_MAGIC, batchSizeAt, crcMatches, headerProblem, readHeader, readInt64 } from './record-batch.ts';

export const SEGMENT_SUFFIX = '.log';

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

/** Base offset from a segment file name, or null when the name is not one. */
export function parseSegmentFileName(name: string): number | null {
  const m = /^(\d{20})\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Reused for header scans: reads are synchronous, so one buffer serves every segment. */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);
/** Lookups scan at most ~indexIntervalBytes of headers; read them in small chunks. */
const LOOKUP_CHUNK = 16 * 1024;
const RECOVERY_CHUNK = SCRATCH.length;

/**
 * Sealed (non-active) segments share a bounded pool of open file
 * descriptors: tiny segment sizes or long retention could otherwise open
 * thousands. Least recently read segments give theirs back first and reopen
 * on demand. The active segment of each partition always stays open.
 */
const MAX_OPEN_SEALED = 512;
const openSealed = new Map<Segment, true>();

function touchSealed(seg: Segment): void {
  openSealed.delete(seg);
  openSealed.set(seg, true);
  if (openSealed.size > MAX_OPEN_SEALED) {
    const oldest = openSealed.keys().next().value;
    if (oldest) oldest.releaseFd();
  }
}

/** Visitor result: true = continue, false = stop (found), string = stop (problem). */
type Visit = (h: BatchHeader, chunk: Buffer, at: number) => boolean | string;

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

/**
 * A damaged byte range of a segment file. `end` and `nextOffset` say where
 * the scan found the next intact batch; both are null when none follows in
 * this file (the damage runs to its end).
 */
export interface SegmentProblem {
  position: number;
  end: number | null;
  /** First offset the damage makes unreadable (the offset expected at `position`). */
  fromOffset: number;
  /** Base offset of the intact batch at `end`. */
  nextOffset: number | null;
  reason: string;
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
  private dirty = false;
  /** No more appends: the file is complete and fsynced, its fd may be pooled. */
  private sealed = false;
  /** A background fdatasync is running on the libuv threadpool. */
  private syncing = false;
  /** Where the batch after the last read starts: sequential fetches skip the index scan. */
  private readHint = { offset: -1, position: 0 };

  private constructor(
    readonly baseOffset: number,
    dir: string,
    /** -1 while closed (sealed segments reopen on demand). */
    private fd: number,
    private readonly indexIntervalBytes: number,
  ) {
    this.path = join(dir, segmentFileName(baseOffset));
    this.nextOffset = baseOffset;
  }

  static create(dir: string, baseOffset: number, indexIntervalBytes: number): Segment {
    const fd = openSync(join(dir, segmentFileName(baseOffset)), 'wx+');
    return new Segment(baseOffset, dir, fd, indexIntervalBytes);
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
    const fd = openSync(join(dir, segmentFileName(baseOffset)), 'r+');
    const seg = new Segment(baseOffset, dir, fd, opts.indexIntervalBytes);
    seg.compacted = opts.compacted ?? false;
    const fileSize = fstatSync(fd).size;
    const problems: SegmentProblem[] = [];
    let expected = baseOffset;
    let from = 0;
    for (;;) {
      const { stoppedAt, problem } = seg.scan(from, fileSize, RECOVERY_CHUNK, (h, chunk, at) => {
        const offsetOk = seg.compacted ? h.baseOffset >= expected : h.baseOffset === expected;
        if (!offsetOk) return `batch has offset ${h.baseOffset}, expected ${seg.compacted ? 'at least ' : ''}${expected}`;
        if (h.lastOffsetDelta < 0) return `batch has negative lastOffsetDelta ${h.lastOffsetDelta}`;
        if (opts.verifyCrc) {
          const ok = at + h.size <= chunk.length ? crcMatches(chunk, at, h.size) : crcMatches(seg.readBatch(h), 0, h.size);
          if (!ok) return `CRC-32C mismatch in a batch of ${h.size} bytes`;
        }
        if (problems.length === 0) {
          seg.indexBatch(h.baseOffset, h.lastOffsetDelta, h.maxTimestamp, h.position, h.size);
          opts.onBatch?.(h);
        }
        expected = h.baseOffset + h.lastOffsetDelta + 1;
        return true;
      });
      if (problem === null) break;
      const next = seg.findIntactBatch(stoppedAt + 1, fileSize, expected);
      problems.push({ position: stoppedAt, end: next?.position ?? null, fromOffset: expected, nextOffset: next?.baseOffset ?? null, reason: problem });
      if (!next) break;
      from = next.position;
      expected = next.baseOffset;
    }
    if (problems.length > 0) seg.size = problems[0]!.position;
    return { segment: seg, problems, endOffset: expected, fileSize };
  }

  /**
   * The first position in [from, fileSize) where a whole, intact batch with
   * an offset >= minOffset starts: magic 2, a length that fits, consistent
   * counts and a matching CRC-32C (random bytes pass all of that with odds
   * of about 2^-32). Runs only after a problem, so a byte-by-byte search is
   * affordable.
   */
  private findIntactBatch(from: number, fileSize: number, minOffset: number): { position: number; baseOffset: number } | null {
    for (let chunkStart = from; chunkStart + HEADER_SIZE <= fileSize; ) {
      const len = Math.min(RECOVERY_CHUNK, fileSize - chunkStart);
      const chunk = SCRATCH.subarray(0, len);
      readFully(this.handle(), chunk, chunkStart);
      const lastCandidate = len - HEADER_SIZE;
      for (let at = 0; at <= lastCandidate; at++) {
        if (chunk[at + OFF_MAGIC] !== 2) continue;
        if (headerProblem(chunk, at, fileSize - chunkStart - at) !== null) continue;
        const h = readHeader(chunk, at, chunkStart + at);
        // A compacted batch keeps its offset span with fewer records (count <= lastOffsetDelta + 1).
        if (h.baseOffset < minOffset || h.lastOffsetDelta < 0 || h.count < 0 || h.count > h.lastOffsetDelta + 1) continue;
        const ok = at + h.size <= chunk.length ? crcMatches(chunk, at, h.size) : crcMatches(this.readBatch(h), 0, h.size);
        if (ok) return { position: h.position, baseOffset: h.baseOffset };
      }
      // Candidates closer than a header to the chunk's end are looked at again with the next chunk.
      chunkStart += lastCandidate + 1;
    }
    return null;
  }

  /**
   * Append batches already validated and offset-patched in `buf`. `batches`
   * carry their positions inside buf and their assigned base offsets.
   */
  append(buf: Buffer, batches: readonly BatchHeader[]): void {
    const start = this.size;
    writeFully(this.fd, buf, start);
    this.dirty = true;
    for (const h of batches) {
      this.indexBatch(h.baseOffset, h.lastOffsetDelta, h.maxTimestamp, start + h.position, h.size);
    }
  }

  /** Cut the file (a failed partial write, e.g. ENOSPC, or a torn tail on open) so it ends on a batch boundary. */
  truncateTo(size: number, sync = false): void {
    ftruncateSync(this.fd, size);
    if (sync) fdatasyncSync(this.fd);
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
    this.scan(this.offsetIndex.lookup(offset - this.baseOffset), this.size, LOOKUP_CHUNK, (h) => {
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
    const fd = this.handle();
    let buf = target.reserve(len);
    readFully(fd, buf, position);
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
      readFully(fd, buf, position);
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
    this.scan(this.timeIndex.lookup(ts), this.size, LOOKUP_CHUNK, (h) => {
      if (h.maxTimestamp < ts) return true;
      found = h;
      return false;
    });
    return found;
  }

  /** `len` bytes from `position` into a fresh buffer (the log cleaner's reads). */
  readRange(position: number, len: number): Buffer {
    const buf = Buffer.allocUnsafe(len);
    readFully(this.handle(), buf, position);
    return buf;
  }

  /** One whole batch's bytes. */
  readBatch(h: BatchHeader): Buffer {
    const buf = Buffer.allocUnsafe(h.size);
    readFully(this.handle(), buf, h.position);
    return buf;
  }

  /** fdatasync (blocking) if anything was written since the last completed flush. */
  flush(): void {
    // A background sync in flight may not have finished: sync again rather than wait.
    if ((!this.dirty && !this.syncing) || this.fd < 0) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  /**
   * The interval flush policy: fdatasync on the libuv threadpool, so the
   * event loop (every client's requests) never waits for the disk. Appends
   * made meanwhile stay dirty and go with the next flush.
   */
  flushInBackground(onError: (err: Error) => void): void {
    if (!this.dirty || this.syncing || this.fd < 0) return;
    this.dirty = false;
    this.syncing = true;
    fdatasync(this.fd, (err) => {
      this.syncing = false;
      if (!err) return;
      if (this.fd >= 0) {
        this.dirty = true;
        onError(err);
      } // else: the segment was closed (and synced) meanwhile; nothing lost
    });
  }

  /** Stop appending: fsync the file and let its descriptor join the bounded pool. */
  seal(): void {
    this.flush();
    this.sealed = true;
    if (this.fd >= 0) touchSealed(this);
  }

  /** The file descriptor, reopened (read-only) if the pool took it. */
  private handle(): number {
    if (this.fd < 0) {
      if (!this.sealed) throw new Error(`segment ${this.path} is closed`);
      this.fd = openSync(this.path, 'r');
    }
    if (this.sealed) touchSealed(this);
    return this.fd;
  }

  /** Called by the pool: close the descriptor of a sealed segment until it is read again. */
  releaseFd(): void {
    openSealed.delete(this);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  close(): void {
    this.flush();
    this.releaseFd();
    this.sealed = false; // closed for good: no reopening
  }

  delete(): void {
    this.releaseFd();
    this.sealed = false;
    unlinkSync(this.path);
  }

  memoryBytes(): number {
    return this.offsetIndex.memoryBytes() + this.timeIndex.memoryBytes();
  }

  /**
   * Walk batch headers in [start, end), reading the file in chunks. Stops
   * at the first header whose framing is bad, or when the visitor says so.
   */
  private scan(start: number, end: number, chunkSize: number, visit: Visit): { stoppedAt: number; problem: string | null } {
    let pos = start;
    let chunkStart = 0;
    let chunk = SCRATCH.subarray(0, 0);
    while (pos < end) {
      if (pos < chunkStart || pos + HEADER_SIZE > chunkStart + chunk.length) {
        const len = Math.min(chunkSize, end - pos);
        chunk = SCRATCH.subarray(0, len);
        readFully(this.handle(), chunk, pos);
        chunkStart = pos;
      }
      const at = pos - chunkStart;
      const problem = headerProblem(chunk, at, end - pos);
      if (problem) return { stoppedAt: pos, problem };
      const h = readHeader(chunk, at, pos);
      const verdict = visit(h, chunk, at);
      if (verdict !== true) return { stoppedAt: pos, problem: verdict === false ? null : verdict };
      pos += h.size;
    }
    return { stoppedAt: pos, problem: null };
  }
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of segment file at ${position + done}`);
    done += n;
  }
}

function writeFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}
