/**
 * Walking a segment file's batch headers. Lookups walk a few of them from an
 * index entry; opening a segment walks them all, checking each batch, and
 * after a problem searches for the next intact batch, so every damaged range
 * of the file is reported and what follows it is known to be intact.
 */
import { type BatchHeader, HEADER_SIZE, OFF_MAGIC, crcMatches, headerProblem, readHeader } from './record-batch.ts';

/** The segment's file (segment-file.ts): fills `buf` from `position`, throwing at the file's end. */
export interface PositionedReader {
  read(buf: Buffer, position: number): void;
}

/** Reused for header scans: reads are synchronous, so one buffer serves every segment. */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);
/** Lookups scan at most ~indexIntervalBytes of headers; read them in small chunks. */
export const LOOKUP_CHUNK = 16 * 1024;
const RECOVERY_CHUNK = SCRATCH.length;

/** Visitor result: true = continue, false = stop (found), string = stop (problem). */
export type Visit = (h: BatchHeader, chunk: Buffer, at: number) => boolean | string;

/**
 * Walk batch headers in [start, end), reading the file in chunks. Stops
 * at the first header whose framing is bad, or when the visitor says so.
 */
export function scanHeaders(file: PositionedReader, start: number, end: number, chunkSize: number, visit: Visit): { stoppedAt: number; problem: string | null } {
  let pos = start;
  let chunkStart = 0;
  let chunk = SCRATCH.subarray(0, 0);
  while (pos < end) {
    if (pos < chunkStart || pos + HEADER_SIZE > chunkStart + chunk.length) {
      const len = Math.min(chunkSize, end - pos);
      chunk = SCRATCH.subarray(0, len);
      file.read(chunk, pos);
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

export interface CheckSegmentOptions {
  baseOffset: number;
  /** Verify every batch's CRC-32C (see docs/broker-storage.md, "Recovery"). */
  verifyCrc: boolean;
  /** Offsets may jump forward between batches (see OpenSegmentOptions.compacted in segment.ts). */
  compacted: boolean;
}

/**
 * Check every batch of a file of `fileSize` bytes: framing, offset
 * continuity and (when asked) CRCs. `onIntact` gets each good batch before
 * the first problem, in order. Nothing is changed on disk.
 */
export function checkSegmentFile(
  file: PositionedReader,
  fileSize: number,
  opts: CheckSegmentOptions,
  onIntact: (h: BatchHeader) => void,
): { problems: SegmentProblem[]; endOffset: number } {
  const problems: SegmentProblem[] = [];
  let expected = opts.baseOffset;
  let from = 0;
  for (;;) {
    const { stoppedAt, problem } = scanHeaders(file, from, fileSize, RECOVERY_CHUNK, (h, chunk, at) => {
      const offsetOk = opts.compacted ? h.baseOffset >= expected : h.baseOffset === expected;
      if (!offsetOk) return `batch has offset ${h.baseOffset}, expected ${opts.compacted ? 'at least ' : ''}${expected}`;
      if (h.lastOffsetDelta < 0) return `batch has negative lastOffsetDelta ${h.lastOffsetDelta}`;
      if (opts.verifyCrc && !batchCrcMatches(file, h, chunk, at)) return `CRC-32C mismatch in a batch of ${h.size} bytes`;
      if (problems.length === 0) onIntact(h);
      expected = h.baseOffset + h.lastOffsetDelta + 1;
      return true;
    });
    if (problem === null) break;
    const next = findIntactBatch(file, stoppedAt + 1, fileSize, expected);
    problems.push({ position: stoppedAt, end: next?.position ?? null, fromOffset: expected, nextOffset: next?.baseOffset ?? null, reason: problem });
    if (!next) break;
    from = next.position;
    expected = next.baseOffset;
  }
  return { problems, endOffset: expected };
}

/**
 * The first position in [from, fileSize) where a whole, intact batch with
 * an offset >= minOffset starts: magic 2, a length that fits, consistent
 * counts and a matching CRC-32C (random bytes pass all of that with odds
 * of about 2^-32). Runs only after a problem, so a byte-by-byte search is
 * affordable.
 */
function findIntactBatch(file: PositionedReader, from: number, fileSize: number, minOffset: number): { position: number; baseOffset: number } | null {
  for (let chunkStart = from; chunkStart + HEADER_SIZE <= fileSize; ) {
    const len = Math.min(RECOVERY_CHUNK, fileSize - chunkStart);
    const chunk = SCRATCH.subarray(0, len);
    file.read(chunk, chunkStart);
    const lastCandidate = len - HEADER_SIZE;
    for (let at = 0; at <= lastCandidate; at++) {
      if (chunk[at + OFF_MAGIC] !== 2) continue;
      if (headerProblem(chunk, at, fileSize - chunkStart - at) !== null) continue;
      const h = readHeader(chunk, at, chunkStart + at);
      // A compacted batch keeps its offset span with fewer records (count <= lastOffsetDelta + 1).
      if (h.baseOffset < minOffset || h.lastOffsetDelta < 0 || h.count < 0 || h.count > h.lastOffsetDelta + 1) continue;
      if (batchCrcMatches(file, h, chunk, at)) return { position: h.position, baseOffset: h.baseOffset };
    }
    // Candidates closer than a header to the chunk's end are looked at again with the next chunk.
    chunkStart += lastCandidate + 1;
  }
  return null;
}

/** The batch's CRC-32C, checked in the chunk when it holds the whole batch, else read on its own. */
function batchCrcMatches(file: PositionedReader, h: BatchHeader, chunk: Buffer, at: number): boolean {
  if (at + h.size <= chunk.length) return crcMatches(chunk, at, h.size);
  const batch = Buffer.allocUnsafe(h.size);
  file.read(batch, h.position);
  return crcMatches(batch, 0, h.size);
}
