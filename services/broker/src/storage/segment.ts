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
import { TimeIndex } from './time-index.ts';
import { type BatchHeader, HEADER_SIZE, LOG_OVERHEAD, batchSizeAt, crcMatches, headerProblem, readHeader, readInt64 } from './record-batch.ts';

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
  /** Verify every batch's CRC-32C (for the tail segment after an unclean stop). */
  verifyCrc: boolean;
  /** Called for each good batch, in order (producer-state rebuild). */
  onBatch?: (h: BatchHeader) => void;
}

export interface OpenedSegment {
  segment: Segment;
  /** Why the file was cut short, when it was. */
  truncated: { at: number; droppedBytes: number; reason: string } | null;
}

export class Segment {
  readonly path: string;
  /** Bytes of whole, valid batches. */
  size = 0;
  /** Offset after the last batch (= baseOffset when empty). */
  nextOffset: number;
  /** Largest batch maxTimestamp, -1 when empty. */
  maxTimestamp = -1;
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
   * check offsets are contiguous (and CRCs when asked), and cut the file at
   * the first bad batch so the log can take new writes after it.
   */
  static open(dir: string, baseOffset: number, opts: OpenSegmentOptions): OpenedSegment {
    const fd = openSync(join(dir, segmentFileName(baseOffset)), 'r+');
    const seg = new Segment(baseOffset, dir, fd, opts.indexIntervalBytes);
    const fileSize = fstatSync(fd).size;
    let expected = baseOffset;
    const { stoppedAt, problem } = seg.scan(0, fileSize, RECOVERY_CHUNK, (h, chunk, at) => {
      if (h.baseOffset !== expected) return `batch at ${h.position} has offset ${h.baseOffset}, expected ${expected}`;
      if (h.lastOffsetDelta < 0) return `batch at ${h.position} has negative lastOffsetDelta`;
      if (opts.verifyCrc) {
        const ok = at + h.size <= chunk.length ? crcMatches(chunk, at, h.size) : crcMatches(seg.readBatch(h), 0, h.size);
        if (!ok) return `CRC-32C mismatch in batch at ${h.position} (offset ${h.baseOffset})`;
      }
      seg.indexBatch(h.baseOffset, h.lastOffsetDelta, h.maxTimestamp, h.position, h.size);
      opts.onBatch?.(h);
      expected = h.baseOffset + h.lastOffsetDelta + 1;
      return true;
    });
    seg.size = stoppedAt;
    if (stoppedAt < fileSize) {
      ftruncateSync(fd, stoppedAt);
      fdatasyncSync(fd);
      return { segment: seg, truncated: { at: stoppedAt, droppedBytes: fileSize - stoppedAt, reason: problem ?? 'unknown' } };
    }
    return { segment: seg, truncated: null };
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

  /** Undo a failed partial write (e.g. ENOSPC) so the file ends on a batch boundary. */
  truncateTo(size: number): void {
    ftruncateSync(this.fd, size);
    this.size = size;
  }

  private indexBatch(baseOffset: number, lastOffsetDelta: number, maxTimestamp: number, position: number, size: number): void {
    if (this.bytesSinceIndex >= this.indexIntervalBytes) {
      this.offsetIndex.append(baseOffset - this.baseOffset, position);
      this.timeIndex.append(this.maxTimestamp, position);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += size;
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
   * Whole batches from `position`, at most maxBytes of them but always at
   * least the first batch, read into a buffer from `target` (a Fetch passes
   * its response's slab arena; the bytes go to a socket asynchronously).
   */
  readFrom(position: number, maxBytes: number, target: ReadTarget = FRESH_BUFFERS): Buffer {
    const available = this.size - position;
    if (available <= 0) return Buffer.alloc(0);
    const len = Math.min(Math.max(maxBytes, HEADER_SIZE), available);
    const fd = this.handle();
    let buf = target.reserve(len);
    readFully(fd, buf, position);
    let end = 0;
    let lastStart = 0;
    while (end + LOG_OVERHEAD <= len) {
      const s = batchSizeAt(buf, end);
      if (end + s > len) break;
      lastStart = end;
      end += s;
    }
    if (end === 0) {
      // The first batch alone is larger than maxBytes: return it whole anyway.
      const s = batchSizeAt(buf, 0);
      buf = target.reserve(s);
      readFully(fd, buf, position);
      end = s;
    }
    target.commit(end);
    this.readHint = { offset: readInt64(buf, lastStart) + buf.readInt32BE(lastStart + 23) + 1, position: position + end };
    return end < buf.length ? buf.subarray(0, end) : buf;
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
      if (problem) return { stoppedAt: pos, problem: `at ${pos}: ${problem}` };
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
