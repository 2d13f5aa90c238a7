/**
 * Conversions between the old message formats and RecordBatch v2, the only
 * format stored: Produce v0-v2 message sets become one v2 batch (as a Kafka
 * 2.1 broker up-converts them to its log's format), and stored batches are
 * served to Fetch v0-v3 as magic 0 (v0-v1) or magic 1 (v2-v3) message sets
 * (as Kafka down-converts for old consumers).
 */
import { readMessageSet, writeMessageSet } from './legacy.ts';
import { buildBatch, readBatchRecords } from './record-batch.ts';

/** Gzip-bomb bound for old-format message sets, as for v2 batches. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export type UpConverted = { ok: true; batch: Buffer; logAppendTimeMs: number } | { ok: false; errorCode: number; message: string };

/**
 * A produced message set as one RecordBatch v2, gzip when the client sent
 * gzip. Magic 0 messages carry no timestamp: they get the broker's clock and
 * the batch is marked LogAppendTime, so retention by time and ListOffsets by
 * time work for them too.
 */
export function upConvert(messageSet: Buffer, now = Date.now()): UpConverted {
  const read = readMessageSet(messageSet, MAX_INFLATED_BYTES);
  if (!read.ok) return read;
  const stampNow = read.messages.some((m) => m.magic === 0 || m.logAppendTime);
  const records = read.messages.map((m) => ({ timestamp: stampNow ? now : m.timestamp, key: m.key, value: m.value }));
  return { ok: true, batch: buildBatch(records, { gzip: read.codec !== 0, logAppendTime: stampNow }), logAppendTimeMs: stampNow ? now : -1 };
}

/**
 * Stored batches as an uncompressed message set of `magic`, from
 * `fromOffset` on (records before it, in the first batch, are left out: old
 * clients expect the first message at the offset they asked for).
 */
export function downConvert(batches: Buffer, magic: 0 | 1, fromOffset: number): Buffer {
  if (batches.length === 0) return batches;
  const records = readBatchRecords(batches, MAX_INFLATED_BYTES).filter((r) => r.offset >= fromOffset);
  return writeMessageSet(records, magic);
}
