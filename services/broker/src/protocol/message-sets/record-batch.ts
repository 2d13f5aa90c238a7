/**
 * RecordBatch v2 records, decoded and built, for the two places the broker
 * converts between formats (the message sets of Produce v0-v2 and Fetch
 * v0-v3). Everywhere else batches stay the bytes the client sent.
 *
 * Batch header (61 bytes): baseOffset i64, length i32, partitionLeaderEpoch
 * i32, magic i8 = 2, crc u32 (CRC-32C of attributes..end), attributes i16,
 * lastOffsetDelta i32, firstTimestamp i64, maxTimestamp i64, producerId i64,
 * producerEpoch i16, baseSequence i32, count i32. Record: length varint,
 * attributes i8, timestampDelta varlong, offsetDelta varint, key, value
 * (varint length, -1 = null), header count varint, headers.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { crc32c } from '../../storage/crc32c.ts';
import { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';

export interface BatchRecord {
  offset: number;
  timestamp: number;
  logAppendTime: boolean;
  key: Buffer | null;
  value: Buffer | null;
}

const HEADER_SIZE = 61;
const CODEC_MASK = 0x07;
const GZIP = 1;
const LOG_APPEND_TIME = 0x08;
const CONTROL = 0x20;

/**
 * Every data record of the whole batches in `buf` (as storage serves them),
 * with absolute offsets. Control batches (transaction markers) carry no data
 * and are skipped; headers are dropped (the old formats have none).
 */
export function readBatchRecords(buf: Buffer, maxInflatedBytes: number): BatchRecord[] {
  const out: BatchRecord[] = [];
  for (let pos = 0; pos + HEADER_SIZE <= buf.length; ) {
    const size = 12 + buf.readInt32BE(pos + 8);
    const h = new Reader(buf, pos, pos + size);
    const baseOffset = h.int64();
    h.int32(); // length
    h.int32(); // partition leader epoch
    h.int8(); // magic
    h.uint32(); // crc: checked when the batch was appended
    const attributes = h.int16();
    h.int32(); // last offset delta
    const firstTimestamp = h.int64();
    const maxTimestamp = h.int64();
    h.int64(); // producer id
    h.int16(); // producer epoch
    h.int32(); // base sequence
    const count = h.int32();
    pos += size;
    if (attributes & CONTROL) continue;
    const logAppendTime = (attributes & LOG_APPEND_TIME) !== 0;
    const records = (attributes & CODEC_MASK) === GZIP ? gunzipSync(buf.subarray(pos - size + HEADER_SIZE, pos), { maxOutputLength: maxInflatedBytes }) : buf.subarray(pos - size + HEADER_SIZE, pos);
    const r = new Reader(records);
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      const end = r.offset + len;
      r.int8(); // record attributes (unused)
      const timestampDelta = r.varlong();
      const offsetDelta = r.varint();
      const key = varintBytes(r);
      const value = varintBytes(r);
      const headers = r.varint();
      for (let j = 0; j < headers; j++) {
        varintBytes(r);
        varintBytes(r);
      }
      if (r.offset !== end) throw new RangeError(`record ${i} of the batch at ${baseOffset} does not end where its length says`);
      out.push({ offset: baseOffset + offsetDelta, timestamp: logAppendTime ? maxTimestamp : firstTimestamp + timestampDelta, logAppendTime, key, value });
    }
  }
  return out;
}

function varintBytes(r: Reader): Buffer | null {
  const len = r.varint();
  if (len < 0) return null;
  return r.rawBytes(len);
}

/**
 * One RecordBatch v2 holding `records` (offsets 0..n-1; storage assigns the
 * real ones), not idempotent, gzip-compressed when `gzip`. With
 * `logAppendTime`, the timestamps are the broker's (attribute bit 3).
 */
export function buildBatch(records: readonly { timestamp: number; key: Buffer | null; value: Buffer | null }[], opts: { gzip: boolean; logAppendTime: boolean }): Buffer {
  const firstTimestamp = records[0]!.timestamp;
  const maxTimestamp = Math.max(...records.map((x) => x.timestamp));
  const body = new Writer(1024);
  records.forEach((rec, i) => {
    const w = new Writer(64).int8(0).varint(rec.timestamp - firstTimestamp).varint(i);
    putVarintBytes(w, rec.key);
    putVarintBytes(w, rec.value);
    w.varint(0); // no headers
    const bytes = w.toBuffer();
    body.varint(bytes.length).raw(bytes);
  });
  let recordBytes = body.toBuffer();
  if (opts.gzip) recordBytes = gzipSync(recordBytes);
  const attributes = (opts.gzip ? GZIP : 0) | (opts.logAppendTime ? LOG_APPEND_TIME : 0);
  const head = new Writer(HEADER_SIZE)
    .int64(0)
    .int32(HEADER_SIZE - 12 + recordBytes.length)
    .int32(-1) // partition leader epoch
    .int8(2)
    .uint32(0) // crc, below
    .int16(attributes)
    .int32(records.length - 1)
    .int64(firstTimestamp)
    .int64(maxTimestamp)
    .int64(-1) // producer id: not idempotent
    .int16(-1)
    .int32(-1)
    .int32(records.length)
    .toBuffer();
  const batch = Buffer.concat([head, recordBytes]);
  batch.writeUInt32BE(crc32c(batch, 21, batch.length), 17);
  return batch;
}

function putVarintBytes(w: Writer, b: Buffer | null): void {
  if (b === null) w.varint(-1);
  else w.varint(b.length).raw(b);
}
