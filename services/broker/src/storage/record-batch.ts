/**
 * RecordBatch v2 framing: header parsing, validation of batches received in
 * a produce request, offset assignment by patching baseOffset in place, and
 * the one place records are decoded (finding a record's timestamp for
 * ListOffsets). Batches are otherwise stored and served as opaque bytes.
 *
 * Layout (big-endian):
 *   0 baseOffset i64 | 8 length i32 | 12 partitionLeaderEpoch i32 | 16 magic i8
 *   17 crc u32 | 21 attributes i16 | 23 lastOffsetDelta i32 | 27 firstTimestamp i64
 *   35 maxTimestamp i64 | 43 producerId i64 | 51 producerEpoch i16
 *   53 baseSequence i32 | 57 count i32 | 61 records
 * `length` counts the bytes after itself; the CRC covers attributes..end.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { crc32c } from './crc32c.ts';

export const LOG_OVERHEAD = 12; // baseOffset + length
export const HEADER_SIZE = 61;
export const MIN_LENGTH = HEADER_SIZE - LOG_OVERHEAD; // 49
const OFF_LENGTH = 8;
export const OFF_MAGIC = 16;
const OFF_CRC = 17;
const OFF_ATTRIBUTES = 21;
export const OFF_LAST_OFFSET_DELTA = 23;
const OFF_FIRST_TS = 27;
const OFF_MAX_TS = 35;
const OFF_PRODUCER_ID = 43;
const OFF_PRODUCER_EPOCH = 51;
const OFF_BASE_SEQUENCE = 53;
const OFF_COUNT = 57;

export const CODEC_MASK = 0x07;
export const CODEC_NONE = 0;
export const CODEC_GZIP = 1;
const TIMESTAMP_TYPE_MASK = 0x08; // 1 = LogAppendTime
const TRANSACTIONAL_MASK = 0x10;
const CONTROL_MASK = 0x20;

/** Kafka error codes storage answers with. */
export const ErrorCode = {
  CORRUPT_MESSAGE: 2,
  MESSAGE_TOO_LARGE: 10,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  INVALID_PRODUCER_EPOCH: 47,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  INVALID_RECORD: 87,
} as const;

export interface BatchHeader {
  /** Position of the batch inside the buffer (or file) it was read from. */
  position: number;
  /** Whole batch size in bytes: LOG_OVERHEAD + length. */
  size: number;
  baseOffset: number;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  count: number;
}

export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * 0x1_0000_0000 + buf.readUInt32BE(pos + 4);
}

export function writeInt64(buf: Buffer, pos: number, value: number): void {
  const hi = Math.floor(value / 0x1_0000_0000);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(value - hi * 0x1_0000_0000, pos + 4);
}

/** Batch size from the length field at `pos` (caller checks LOG_OVERHEAD bytes exist). */
export function batchSizeAt(buf: Buffer, pos: number): number {
  return LOG_OVERHEAD + buf.readInt32BE(pos + OFF_LENGTH);
}

/** Parse the fixed header at `pos`; needs HEADER_SIZE bytes. No validation. */
export function readHeader(buf: Buffer, pos: number, position = pos): BatchHeader {
  return {
    position,
    size: LOG_OVERHEAD + buf.readInt32BE(pos + OFF_LENGTH),
    baseOffset: readInt64(buf, pos),
    attributes: buf.readInt16BE(pos + OFF_ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(pos + OFF_LAST_OFFSET_DELTA),
    firstTimestamp: readInt64(buf, pos + OFF_FIRST_TS),
    maxTimestamp: readInt64(buf, pos + OFF_MAX_TS),
    producerId: readInt64(buf, pos + OFF_PRODUCER_ID),
    producerEpoch: buf.readInt16BE(pos + OFF_PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + OFF_BASE_SEQUENCE),
    count: buf.readInt32BE(pos + OFF_COUNT),
  };
}

export function patchBaseOffset(buf: Buffer, pos: number, baseOffset: number): void {
  writeInt64(buf, pos, baseOffset);
}

/** Checks a header's framing fields (not the CRC); returns a reason or null. */
export function headerProblem(buf: Buffer, pos: number, available: number): string | null {
  if (available < HEADER_SIZE) return `truncated batch header (${available} bytes)`;
  const length = buf.readInt32BE(pos + OFF_LENGTH);
  if (length < MIN_LENGTH) return `batch length ${length} below minimum ${MIN_LENGTH}`;
  if (LOG_OVERHEAD + length > available) return `batch length ${length} exceeds the ${available - LOG_OVERHEAD} bytes present`;
  const magic = buf.readInt8(pos + OFF_MAGIC);
  if (magic !== 2) return `unsupported magic ${magic}`;
  return null;
}

export function crcMatches(buf: Buffer, pos: number, size: number): boolean {
  return crc32c(buf, pos + OFF_ATTRIBUTES, pos + size) === buf.readUInt32BE(pos + OFF_CRC);
}

export interface ValidateOptions {
  /** Largest single batch accepted (error 10 above it). */
  maxBatchBytes: number;
  /** Bound on a gzip batch's inflated records (gzip-bomb guard; error 10 above it). */
  maxInflatedBytes: number;
}

export type ValidateResult =
  | { ok: true; batches: BatchHeader[] }
  | { ok: false; errorCode: number; message: string };

/**
 * Validate the record set of one produce partition. Per batch: framing,
 * magic 2, CRC-32C, codec none/gzip, no transactional/control batches,
 * count consistent with lastOffsetDelta. Gzip batches are inflated (bounded)
 * and their records walked, because a broker must not store what its
 * consumers cannot decode. Uncompressed records are not decoded: the CRC
 * already proves they are exactly what the client produced.
 */
export function validateRecordSet(buf: Buffer, opts: ValidateOptions): ValidateResult {
  const batches: BatchHeader[] = [];
  let pos = 0;
  if (buf.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE, 'empty record set');
  while (pos < buf.length) {
    const problem = headerProblem(buf, pos, buf.length - pos);
    if (problem) return fail(ErrorCode.CORRUPT_MESSAGE, problem);
    const h = readHeader(buf, pos);
    if (h.size > opts.maxBatchBytes) {
      return fail(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${h.size} bytes exceeds ${opts.maxBatchBytes}`);
    }
    if (!crcMatches(buf, pos, h.size)) return fail(ErrorCode.CORRUPT_MESSAGE, 'CRC-32C mismatch');
    const codec = h.attributes & CODEC_MASK;
    if (codec !== CODEC_NONE && codec !== CODEC_GZIP) {
      return fail(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `compression codec ${codec} not supported (only none and gzip)`);
    }
    if (h.attributes & (TRANSACTIONAL_MASK | CONTROL_MASK)) {
      return fail(ErrorCode.INVALID_RECORD, 'transactional and control batches are not supported');
    }
    if (h.count <= 0 || h.lastOffsetDelta !== h.count - 1) {
      return fail(ErrorCode.INVALID_RECORD, `record count ${h.count} inconsistent with lastOffsetDelta ${h.lastOffsetDelta}`);
    }
    if (codec === CODEC_GZIP) {
      const inflated = inflateRecords(buf, pos, h.size, opts.maxInflatedBytes);
      if (!inflated.ok) return inflated;
      const walkProblem = walkRecords(inflated.records, 0, inflated.records.length, h.count, null);
      if (typeof walkProblem === 'string') return fail(ErrorCode.INVALID_RECORD, walkProblem);
    }
    batches.push(h);
    pos += h.size;
  }
  return { ok: true, batches };
}

function fail(errorCode: number, message: string): { ok: false; errorCode: number; message: string } {
  return { ok: false, errorCode, message };
}

type InflateResult = { ok: true; records: Buffer } | { ok: false; errorCode: number; message: string };

/** Inflate a gzip batch's records with an output bound. */
export function inflateRecords(buf: Buffer, pos: number, size: number, maxBytes: number): InflateResult {
  try {
    const records = gunzipSync(buf.subarray(pos + HEADER_SIZE, pos + size), { maxOutputLength: maxBytes });
    return { ok: true, records };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return fail(ErrorCode.MESSAGE_TOO_LARGE, `gzip batch inflates beyond ${maxBytes} bytes`);
    }
    return fail(ErrorCode.CORRUPT_MESSAGE, `gzip batch does not inflate: ${(err as Error).message}`);
  }
}

// ---- record decoding (zigzag varints) -------------------------------------

/** Cursor shared by the varint readers; decoding is synchronous and not reentrant. */
let cursor = 0;

function readVarlong(buf: Buffer, end: number): number {
  let raw = 0;
  let mul = 1;
  for (let shift = 0; shift < 70; shift += 7) {
    if (cursor >= end) throw new RangeError('truncated varint');
    const b = buf[cursor++]!;
    raw += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) {
      // zigzag decode without 32-bit overflow
      return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    }
    mul *= 128;
  }
  throw new RangeError('varint too long');
}

/**
 * Walk `count` records in buf[start, end). With `tsTarget` null it only
 * checks the framing (lengths, offset deltas, exact fit) and returns null or
 * a problem string. With a target {firstTimestamp, ts} it returns the index
 * info of the first record whose timestamp >= ts, or undefined when none.
 */
export function walkRecords(
  buf: Buffer,
  start: number,
  end: number,
  count: number,
  target: { firstTimestamp: number; ts: number } | null,
): string | null | { offsetDelta: number; timestamp: number } | undefined {
  cursor = start;
  try {
    for (let i = 0; i < count; i++) {
      const len = readVarlong(buf, end);
      const recordEnd = cursor + len;
      if (len < 0 || recordEnd > end) return `record ${i} length ${len} out of bounds`;
      cursor += 1; // attributes
      const tsDelta = readVarlong(buf, recordEnd);
      const offsetDelta = readVarlong(buf, recordEnd);
      if (target) {
        const timestamp = target.firstTimestamp + tsDelta;
        if (timestamp >= target.ts) return { offsetDelta, timestamp };
      } else if (offsetDelta !== i) {
        return `record ${i} has offset delta ${offsetDelta}`;
      }
      cursor = recordEnd;
    }
  } catch (err) {
    return target ? undefined : (err as Error).message;
  }
  if (target) return undefined;
  return cursor === end ? null : `${end - cursor} bytes after the last record`;
}

/**
 * First record of the batch (whole batch bytes in `batch` at 0) whose
 * timestamp >= ts: its offset and timestamp. Falls back to the batch's base
 * offset when the records cannot be decoded.
 */
export function firstRecordAtOrAfter(batch: Buffer, h: BatchHeader, ts: number, maxInflatedBytes: number): { offset: number; timestamp: number } {
  if (h.attributes & TIMESTAMP_TYPE_MASK) return { offset: h.baseOffset, timestamp: h.maxTimestamp };
  let records = batch;
  let start = HEADER_SIZE;
  let end = h.size;
  if ((h.attributes & CODEC_MASK) === CODEC_GZIP) {
    const inflated = inflateRecords(batch, 0, h.size, maxInflatedBytes);
    if (!inflated.ok) return { offset: h.baseOffset, timestamp: h.firstTimestamp };
    records = inflated.records;
    start = 0;
    end = records.length;
  }
  const found = walkRecords(records, start, end, h.count, { firstTimestamp: h.firstTimestamp, ts });
  if (found && typeof found === 'object') return { offset: h.baseOffset + found.offsetDelta, timestamp: found.timestamp };
  return { offset: h.baseOffset, timestamp: h.firstTimestamp };
}

// ---- records for compaction ------------------------------------------------

/** Where one record lies in a batch's (inflated) records, and what compaction needs of it. */
export interface RecordSpan {
  /** [start, end) of the whole record, its length varint included. */
  start: number;
  end: number;
  offsetDelta: number;
  timestampDelta: number;
  /** The key's bytes, or null for a null key. A view into the records buffer. */
  key: Buffer | null;
  /** A null value: a tombstone. */
  tombstone: boolean;
}

/**
 * Decode the framing of `count` records in buf[start, end): each record's
 * span, offset and timestamp deltas, key and whether its value is null.
 * Headers are skipped. Throws RangeError on records that do not parse.
 */
export function recordSpans(buf: Buffer, start: number, end: number, count: number): RecordSpan[] {
  const out: RecordSpan[] = [];
  cursor = start;
  for (let i = 0; i < count; i++) {
    const recordStart = cursor;
    const len = readVarlong(buf, end);
    const recordEnd = cursor + len;
    if (len < 0 || recordEnd > end) throw new RangeError(`record ${i} length ${len} out of bounds`);
    cursor += 1; // attributes
    const timestampDelta = readVarlong(buf, recordEnd);
    const offsetDelta = readVarlong(buf, recordEnd);
    const keyLen = readVarlong(buf, recordEnd);
    if (keyLen > recordEnd - cursor) throw new RangeError(`record ${i} key length ${keyLen} out of bounds`);
    const key = keyLen < 0 ? null : buf.subarray(cursor, cursor + keyLen);
    if (keyLen > 0) cursor += keyLen;
    const valueLen = readVarlong(buf, recordEnd);
    out.push({ start: recordStart, end: recordEnd, offsetDelta, timestampDelta, key, tombstone: valueLen < 0 });
    cursor = recordEnd;
  }
  if (cursor !== end) throw new RangeError(`${end - cursor} bytes after the last record`);
  return out;
}

/** The records of a whole batch (at 0 in `batch`), inflated when gzip. */
export function batchRecords(batch: Buffer, h: BatchHeader, maxInflatedBytes: number): Buffer {
  if ((h.attributes & CODEC_MASK) !== CODEC_GZIP) return batch.subarray(HEADER_SIZE, h.size);
  const inflated = inflateRecords(batch, 0, h.size, maxInflatedBytes);
  if (!inflated.ok) throw new RangeError(inflated.message);
  return inflated.records;
}

/** Records in a batch with a LogAppendTime timestamp carry the batch's maxTimestamp. */
export function isLogAppendTime(h: BatchHeader): boolean {
  return (h.attributes & TIMESTAMP_TYPE_MASK) !== 0;
}

/**
 * The batch (at 0 in `batch`) with only `kept` of its records, as Kafka's
 * cleaner writes it: base offset, lastOffsetDelta, timestamps, producer
 * fields and attributes unchanged (each record keeps its own offset; the
 * batch still spans its original offsets), count, length and CRC-32C
 * rewritten; gzip batches are compressed again.
 */
export function filteredBatch(batch: Buffer, h: BatchHeader, records: Buffer, kept: readonly RecordSpan[]): Buffer {
  const raw = Buffer.concat(kept.map((r) => records.subarray(r.start, r.end)));
  const body = (h.attributes & CODEC_MASK) === CODEC_GZIP ? gzipSync(raw) : raw;
  const out = Buffer.allocUnsafe(HEADER_SIZE + body.length);
  batch.copy(out, 0, 0, HEADER_SIZE);
  body.copy(out, HEADER_SIZE);
  out.writeInt32BE(out.length - LOG_OVERHEAD, OFF_LENGTH);
  out.writeInt32BE(kept.length, OFF_COUNT);
  out.writeUInt32BE(crc32c(out, OFF_ATTRIBUTES, out.length), OFF_CRC);
  return out;
}
