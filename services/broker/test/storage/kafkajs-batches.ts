/**
 * Test batches built and read back with kafkajs's own RecordBatch encoder
 * and decoder (the bytes a real client sends and parses), mirroring how its
 * Produce v3 request assembles a batch from messages.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (o: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: Record<string, unknown>) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<DecodedBatch>;
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => { canReadInt64(): boolean; offset: number; buffer: Buffer };
const kafkajsCrc32C = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: number): unknown };

export { kafkajsCrc32C };

export interface TestMessage {
  key?: string | null;
  value: string | Buffer;
  headers?: Record<string, string>;
  timestamp?: number;
}

export interface BatchOptions {
  compression?: 0 | 1;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
}

export async function makeBatch(messages: TestMessage[], opts: BatchOptions = {}): Promise<Buffer> {
  const now = Date.now();
  const stamps = messages.map((m) => m.timestamp).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const firstTimestamp = stamps[0] ?? now;
  const maxTimestamp = stamps.at(-1) ?? now;
  const records = messages.map((m, i) =>
    Record({
      key: m.key ?? null,
      value: m.value,
      headers: m.headers ?? {},
      offsetDelta: i,
      timestampDelta: (m.timestamp ?? now) - firstTimestamp,
    }),
  );
  const batch = await RecordBatch({
    compression: opts.compression ?? 0,
    records,
    firstTimestamp,
    maxTimestamp,
    producerId: Long.fromValue(opts.producerId ?? -1),
    producerEpoch: opts.producerEpoch ?? 0,
    firstSequence: opts.baseSequence ?? 0,
    lastOffsetDelta: records.length - 1,
  });
  return Buffer.from(batch.buffer);
}

export interface DecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}
export interface DecodedBatch {
  firstOffset: string;
  records: DecodedRecord[];
}

/** Decode every batch in a buffer the way a kafkajs consumer does. */
export async function decodeBatches(buf: Buffer): Promise<DecodedBatch[]> {
  const d = new Decoder(buf);
  const out: DecodedBatch[] = [];
  while (d.offset < buf.length) out.push(await decodeBatch(d));
  return out;
}

export async function decodeRecords(buf: Buffer): Promise<{ offset: number; timestamp: number; key: string | null; value: string }[]> {
  const batches = await decodeBatches(buf);
  return batches.flatMap((b) =>
    b.records.map((r) => ({ offset: Number(r.offset), timestamp: Number(r.timestamp), key: r.key ? r.key.toString() : null, value: String(r.value) })),
  );
}

/** Rewrite a batch's attributes (e.g. claim snappy) and fix its CRC with kafkajs's CRC-32C. */
export function withAttributes(batch: Buffer, attributes: number): Buffer {
  const b = Buffer.from(batch);
  b.writeInt16BE(attributes, 21);
  b.writeUInt32BE(kafkajsCrc32C(b.subarray(21)) >>> 0, 17);
  return b;
}

export function tempDir(prefix = 'storage-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
