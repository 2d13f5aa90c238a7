/**
 * The message formats before RecordBatch v2 (magic 0 and 1), which Produce
 * v0-v2 carry and Fetch v0-v3 clients read:
 *
 *   message set := (offset i64, size i32, message)*
 *   message     := crc u32 (CRC-32 of the rest), magic i8, attributes i8,
 *                  [timestamp i64, magic 1 only], key bytes, value bytes
 *
 * attributes bits 0-2 are the codec: a compressed message's value is a
 * whole inner message set (a "wrapper"). Bit 3 (magic 1) marks LogAppendTime.
 */
import { crc32, gunzipSync } from 'node:zlib';
import { Reader, DecodeError } from '../reader.ts';
import { Writer } from '../writer.ts';

export interface LegacyMessage {
  magic: 0 | 1;
  /** Milliseconds, or -1 when the message has none (magic 0). */
  timestamp: number;
  logAppendTime: boolean;
  key: Buffer | null;
  value: Buffer | null;
}

export type LegacyRead = { ok: true; messages: LegacyMessage[]; codec: number } | { ok: false; errorCode: number; message: string };

const CODEC_MASK = 0x07;
const GZIP = 1;
const LOG_APPEND_TIME = 0x08;
const CORRUPT_MESSAGE = 2;
const MESSAGE_TOO_LARGE = 10;
const UNSUPPORTED_COMPRESSION_TYPE = 76;

/**
 * Read a produced message set: every message's CRC checked, gzip wrappers
 * opened (inflation bounded by `maxInflatedBytes`), other codecs refused as
 * the v2 path refuses them. Offsets are ignored: the broker assigns them.
 * A trailing partial message (which old clients may send) is dropped, as
 * Kafka drops it.
 */
export function readMessageSet(buf: Buffer, maxInflatedBytes: number, nested = false): LegacyRead {
  const messages: LegacyMessage[] = [];
  let codec = 0;
  const r = new Reader(buf);
  try {
    while (r.remaining() >= 12) {
      r.int64(); // offset
      const size = r.int32();
      if (size < 14) return { ok: false, errorCode: CORRUPT_MESSAGE, message: `message size ${size} below the minimum` };
      if (size > r.remaining()) break; // partial trailing message
      const start = r.offset;
      const crc = r.uint32();
      if (crc32(buf.subarray(start + 4, start + size)) !== crc) return { ok: false, errorCode: CORRUPT_MESSAGE, message: 'message CRC-32 mismatch' };
      const magic = r.int8();
      if (magic !== 0 && magic !== 1) return { ok: false, errorCode: CORRUPT_MESSAGE, message: `magic ${magic} in a message set` };
      const attributes = r.int8();
      const timestamp = magic === 1 ? r.int64() : -1;
      const key = r.nullableBytes();
      const value = r.nullableBytes();
      if (r.offset !== start + size) return { ok: false, errorCode: CORRUPT_MESSAGE, message: 'message size does not match its fields' };
      const logAppendTime = magic === 1 && (attributes & LOG_APPEND_TIME) !== 0;
      const msgCodec = attributes & CODEC_MASK;
      if (msgCodec === 0) {
        messages.push({ magic, timestamp, logAppendTime, key, value });
        continue;
      }
      if (msgCodec !== GZIP) return { ok: false, errorCode: UNSUPPORTED_COMPRESSION_TYPE, message: `compression codec ${msgCodec} not supported (only none and gzip)` };
      if (nested) return { ok: false, errorCode: CORRUPT_MESSAGE, message: 'a compressed message inside a compressed message' };
      if (value === null) return { ok: false, errorCode: CORRUPT_MESSAGE, message: 'a compressed message without a value' };
      let inner: Buffer;
      try {
        inner = gunzipSync(value, { maxOutputLength: maxInflatedBytes });
      } catch (err) {
        const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
        return tooBig
          ? { ok: false, errorCode: MESSAGE_TOO_LARGE, message: `gzip message set inflates beyond ${maxInflatedBytes} bytes` }
          : { ok: false, errorCode: CORRUPT_MESSAGE, message: `gzip message set does not inflate: ${(err as Error).message}` };
      }
      const read = readMessageSet(inner, maxInflatedBytes, true);
      if (!read.ok) return read;
      codec = GZIP;
      // A wrapper stamped with LogAppendTime gives its time to every inner message.
      for (const m of read.messages) messages.push(logAppendTime ? { ...m, timestamp, logAppendTime } : m);
    }
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, errorCode: CORRUPT_MESSAGE, message: err.message };
    throw err;
  }
  if (messages.length === 0) return { ok: false, errorCode: CORRUPT_MESSAGE, message: 'no complete message in the message set' };
  return { ok: true, messages, codec };
}

/** Write uncompressed messages of one magic, each with its absolute offset. */
export function writeMessageSet(messages: readonly { offset: number; timestamp: number; logAppendTime: boolean; key: Buffer | null; value: Buffer | null }[], magic: 0 | 1): Buffer {
  const w = new Writer(1024);
  for (const m of messages) {
    const body = new Writer(64).int8(magic).int8(magic === 1 && m.logAppendTime ? LOG_APPEND_TIME : 0);
    if (magic === 1) body.int64(m.timestamp);
    body.nullableBytes(m.key).nullableBytes(m.value);
    const bytes = body.toBuffer();
    w.int64(m.offset).int32(4 + bytes.length).uint32(crc32(bytes)).raw(bytes);
  }
  return w.toBuffer();
}
