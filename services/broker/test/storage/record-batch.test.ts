import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { crc32c } from '../../src/storage/crc32c.ts';
import { validateRecordSet, readHeader, HEADER_SIZE } from '../../src/storage/record-batch.ts';
import { kafkajsCrc32C, makeBatch, withAttributes } from './kafkajs-batches.ts';

const opts = { maxBatchBytes: 1 << 20, maxInflatedBytes: 4 << 20 };

describe('crc32c', () => {
  it('matches the CRC-32C check value and kafkajs on random buffers of every tail length', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    for (let n = 0; n < 70; n++) {
      const b = randomBytes(n * 7 + (n % 9));
      expect(crc32c(b)).toBe(kafkajsCrc32C(b) >>> 0);
    }
  });

  it('continues over chunks and honours start/end', () => {
    const b = randomBytes(1000);
    expect(crc32c(b.subarray(300), 0, 700, crc32c(b, 0, 300))).toBe(crc32c(b));
    expect(crc32c(b, 10, 500)).toBe(crc32c(b.subarray(10, 500)));
  });
});

describe('validateRecordSet', () => {
  it('accepts kafkajs batches, plain and gzip, and reads their headers', async () => {
    for (const compression of [0, 1] as const) {
      const batch = await makeBatch([{ value: 'a', timestamp: 5 }, { value: 'b', timestamp: 9 }], { compression, producerId: 7, producerEpoch: 2, baseSequence: 40 });
      const v = validateRecordSet(batch, opts);
      expect(v.ok).toBe(true);
      const h = readHeader(batch, 0);
      expect(h).toMatchObject({ size: batch.length, attributes: compression, lastOffsetDelta: 1, count: 2, firstTimestamp: 5, maxTimestamp: 9, producerId: 7, producerEpoch: 2, baseSequence: 40 });
    }
  });

  it('accepts several batches back to back', async () => {
    const two = Buffer.concat([await makeBatch([{ value: 'a' }]), await makeBatch([{ value: 'b' }, { value: 'c' }])]);
    const v = validateRecordSet(two, opts);
    expect(v.ok && v.batches.map((b) => b.count)).toEqual([1, 2]);
  });

  it('refuses a CRC mismatch with CORRUPT_MESSAGE (2)', async () => {
    const batch = await makeBatch([{ value: 'hello' }]);
    batch[batch.length - 2]! ^= 0x01;
    expect(validateRecordSet(batch, opts)).toMatchObject({ ok: false, errorCode: 2 });
  });

  it('refuses codecs 2, 3 and 4 with UNSUPPORTED_COMPRESSION_TYPE (76) even with a valid CRC', async () => {
    const batch = await makeBatch([{ value: 'x' }]);
    for (const codec of [2, 3, 4]) {
      expect(validateRecordSet(withAttributes(batch, codec), opts)).toMatchObject({ ok: false, errorCode: 76 });
    }
  });

  it('refuses truncated batches, trailing garbage, wrong magic and an empty set', async () => {
    const batch = await makeBatch([{ value: 'hello world' }]);
    expect(validateRecordSet(batch.subarray(0, batch.length - 1), opts)).toMatchObject({ ok: false, errorCode: 2 });
    expect(validateRecordSet(batch.subarray(0, 30), opts)).toMatchObject({ ok: false, errorCode: 2 });
    expect(validateRecordSet(Buffer.concat([batch, Buffer.from([1, 2, 3])]), opts)).toMatchObject({ ok: false, errorCode: 2 });
    const magic1 = Buffer.from(batch);
    magic1[16] = 1;
    expect(validateRecordSet(magic1, opts)).toMatchObject({ ok: false, errorCode: 2 });
    expect(validateRecordSet(Buffer.alloc(0), opts)).toMatchObject({ ok: false, errorCode: 2 });
  });

  it('refuses a gzip bomb (inflates beyond the bound) with MESSAGE_TOO_LARGE (10)', async () => {
    const batch = await makeBatch([{ value: 'x' }], { compression: 1 });
    // Same header, records replaced by 64 MiB of zeros gzipped (~64 KiB).
    const bomb = gzipSync(Buffer.alloc(64 << 20));
    const evil = Buffer.concat([batch.subarray(0, HEADER_SIZE), bomb]);
    evil.writeInt32BE(evil.length - 12, 8);
    const fixed = withAttributes(evil, 1);
    expect(validateRecordSet(fixed, opts)).toMatchObject({ ok: false, errorCode: 10 });
  });

  it('refuses gzip that does not inflate (2) and gzip records that do not parse (87)', async () => {
    const batch = await makeBatch([{ value: 'x' }], { compression: 1 });
    const notGzip = Buffer.concat([batch.subarray(0, HEADER_SIZE), Buffer.from('definitely not gzip')]);
    notGzip.writeInt32BE(notGzip.length - 12, 8);
    expect(validateRecordSet(withAttributes(notGzip, 1), opts)).toMatchObject({ ok: false, errorCode: 2 });
    const junkRecords = Buffer.concat([batch.subarray(0, HEADER_SIZE), gzipSync(Buffer.from([0x7f, 1, 2]))]);
    junkRecords.writeInt32BE(junkRecords.length - 12, 8);
    expect(validateRecordSet(withAttributes(junkRecords, 1), opts)).toMatchObject({ ok: false, errorCode: 87 });
  });

  it('refuses transactional batches and inconsistent counts with INVALID_RECORD (87)', async () => {
    const batch = await makeBatch([{ value: 'x' }, { value: 'y' }]);
    expect(validateRecordSet(withAttributes(batch, 0x10), opts)).toMatchObject({ ok: false, errorCode: 87 });
    const badCount = Buffer.from(batch);
    badCount.writeInt32BE(5, 57);
    badCount.writeUInt32BE(kafkajsCrc32C(badCount.subarray(21)) >>> 0, 17);
    expect(validateRecordSet(badCount, opts)).toMatchObject({ ok: false, errorCode: 87 });
  });

  it('refuses a batch over maxBatchBytes with MESSAGE_TOO_LARGE (10)', async () => {
    const batch = await makeBatch([{ value: Buffer.alloc(5000, 1) }]);
    expect(validateRecordSet(batch, { ...opts, maxBatchBytes: 4096 })).toMatchObject({ ok: false, errorCode: 10 });
  });
});
