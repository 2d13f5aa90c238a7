/**
 * Hand-built request frames for wire tests, written with kafkajs's own
 * Encoder (so they are not produced by the codec under test).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface KEncoder {
  writeInt8(v: number): KEncoder;
  writeInt16(v: number): KEncoder;
  writeInt32(v: number): KEncoder;
  writeInt64(v: number | string): KEncoder;
  writeString(v: string | null): KEncoder;
  writeBytes(v: Buffer | null): KEncoder;
  writeBuffer(v: Buffer): KEncoder;
  writeEncoder(e: KEncoder): KEncoder;
  writeArray(items: unknown[]): KEncoder;
  size(): number;
  buffer: Buffer;
}
const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => KEncoder;
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;

/** size + header v1 + body. */
export function requestFrame(apiKey: number, apiVersion: number, correlationId: number, body: Buffer, clientId = 'wire-test'): Buffer {
  const payload = new Encoder().writeInt16(apiKey).writeInt16(apiVersion).writeInt32(correlationId).writeString(clientId).writeBuffer(body);
  return new Encoder().writeInt32(payload.size()).writeEncoder(payload).buffer;
}

/** Produce v3 with one partition's raw record set. */
export function produceFrame(correlationId: number, topic: string, partition: number, records: Buffer | null, acks = -1): Buffer {
  const body = new Encoder()
    .writeString(null)
    .writeInt16(acks)
    .writeInt32(30_000)
    .writeInt32(1)
    .writeString(topic)
    .writeInt32(1)
    .writeInt32(partition)
    .writeBytes(records);
  return requestFrame(0, 3, correlationId, body.buffer);
}

/** Fetch v4 for one partition. */
export function fetchFrame(correlationId: number, topic: string, partition: number, offset: number, maxWaitMs: number, minBytes = 1): Buffer {
  const body = new Encoder()
    .writeInt32(-1)
    .writeInt32(maxWaitMs)
    .writeInt32(minBytes)
    .writeInt32(10 * 1024 * 1024)
    .writeInt8(0)
    .writeInt32(1)
    .writeString(topic)
    .writeInt32(1)
    .writeInt32(partition)
    .writeInt64(offset)
    .writeInt32(1024 * 1024);
  return requestFrame(1, 4, correlationId, body.buffer);
}

/** Metadata v4 for the given topics. */
export function metadataFrame(correlationId: number, topics: string[] | null, allowAutoTopicCreation = true): Buffer {
  const e = new Encoder();
  if (topics === null) e.writeInt32(-1);
  else {
    e.writeInt32(topics.length);
    for (const t of topics) e.writeString(t);
  }
  e.writeInt8(allowAutoTopicCreation ? 1 : 0);
  return requestFrame(3, 4, correlationId, e.buffer);
}

/** Set a batch's attributes (codec bits) and fix its CRC, as a client would have written it. */
export function withAttributes(batch: Buffer, attributes: number): Buffer {
  const b = Buffer.from(batch);
  b.writeInt16BE(attributes, 21);
  b.writeUInt32BE(crc32C(b.subarray(21)), 17);
  return b;
}

/** Set the idempotence fields of a batch and fix its CRC. */
export function withProducer(batch: Buffer, producerId: number, epoch: number, baseSequence: number): Buffer {
  const b = Buffer.from(batch);
  b.writeBigInt64BE(BigInt(producerId), 43);
  b.writeInt16BE(epoch, 51);
  b.writeInt32BE(baseSequence, 53);
  b.writeUInt32BE(crc32C(b.subarray(21)), 17);
  return b;
}

/**
 * A gzip "bomb": a valid RecordBatch header (count 1, CRC correct) whose
 * gzip payload inflates to `inflatedBytes` of zeros.
 */
export function gzipBombBatch(template: Buffer, compressedPayload: Buffer): Buffer {
  const HEADER = 61;
  const b = Buffer.concat([template.subarray(0, HEADER), compressedPayload]);
  b.writeInt32BE(b.length - 12, 8);
  b.writeInt16BE(1, 21); // gzip
  b.writeUInt32BE(crc32C(b.subarray(21)), 17);
  return b;
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  /** The record set as served: whole RecordBatch v2s. */
  records: Buffer;
  /** Each batch's size and attributes (bits 0-2: compression codec), in order. */
  batches: { size: number; attributes: number }[];
}

/** A Fetch v4 response body, read field by field (sizes and batch headers; records stay bytes). */
export function readFetchV4(body: Buffer): FetchedPartition[] {
  let at = 4; // throttle_time_ms
  const out: FetchedPartition[] = [];
  const topics = body.readInt32BE(at);
  at += 4;
  for (let t = 0; t < topics; t++) {
    at += 2 + body.readInt16BE(at);
    const partitions = body.readInt32BE(at);
    at += 4;
    for (let p = 0; p < partitions; p++) {
      const partition = body.readInt32BE(at);
      const errorCode = body.readInt16BE(at + 4);
      at += 4 + 2 + 8 + 8;
      const aborted = body.readInt32BE(at);
      at += 4 + Math.max(0, aborted) * 16;
      const len = body.readInt32BE(at);
      at += 4;
      const records = body.subarray(at, at + Math.max(0, len));
      at += Math.max(0, len);
      const batches: FetchedPartition['batches'] = [];
      for (let b = 0; b + 12 <= records.length; ) {
        const size = 12 + records.readInt32BE(b + 8);
        if (b + size > records.length) throw new Error('a partial batch in a Fetch response');
        batches.push({ size, attributes: records.readInt16BE(b + 21) });
        b += size;
      }
      out.push({ partition, errorCode, records, batches });
    }
  }
  if (at !== body.length) throw new Error(`Fetch v4 response: ${body.length - at} bytes left over`);
  return out;
}
