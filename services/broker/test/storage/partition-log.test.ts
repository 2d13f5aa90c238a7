import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLogManager, type FileLogManager } from '../../src/storage/log-manager.ts';
import type { FilePartitionLog } from '../../src/storage/partition-log.ts';
import { OffsetOutOfRange, type LogConfig } from '../../src/storage/types.ts';
import { decodeBatches, decodeRecords, makeBatch, tempDir, type TestMessage } from './kafkajs-batches.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function open(config: Partial<LogConfig> = {}, dir?: string): { manager: FileLogManager; log: FilePartitionLog; dir: string } {
  let d = dir;
  if (!d) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    d = t.dir;
  }
  const manager = openLogManager(d, { flush: 'always', ...config });
  cleanups.push(() => manager.close());
  if (!manager.hasTopic('t')) manager.createTopic('t', 1);
  return { manager, log: manager.partition('t', 0)!, dir: d };
}

function appendOk(log: FilePartitionLog, batch: Buffer): number {
  const r = log.append(batch);
  if (!r.ok) throw new Error(`append failed: ${r.errorCode} ${r.message}`);
  return r.baseOffset;
}

describe('PartitionLog append and read', () => {
  it('assigns consecutive offsets per record and serves the batches back as kafkajs decodes them', async () => {
    const { log } = open();
    expect(log.highWatermark()).toBe(0);
    expect(log.logStartOffset()).toBe(0);
    expect(appendOk(log, await makeBatch([{ key: 'k1', value: 'a', headers: { h: 'x' } }, { value: 'b' }]))).toBe(0);
    expect(appendOk(log, await makeBatch([{ value: 'c' }], { compression: 1 }))).toBe(2);
    expect(appendOk(log, await makeBatch([{ value: 'd' }, { value: 'e' }, { value: 'f' }]))).toBe(3);
    expect(log.highWatermark()).toBe(6);

    const all = await decodeBatches(log.read(0, 1 << 20));
    expect(all.map((b) => b.firstOffset)).toEqual(['0', '2', '3']);
    const records = all.flatMap((b) => b.records);
    expect(records.map((r) => [Number(r.offset), String(r.value)])).toEqual([[0, 'a'], [1, 'b'], [2, 'c'], [3, 'd'], [4, 'e'], [5, 'f']]);
    expect(records[0]!.key!.toString()).toBe('k1');
    expect(records[0]!.headers.h!.toString()).toBe('x');
  });

  it('stores batches byte for byte as received, apart from the patched base offset', async () => {
    const { log } = open();
    appendOk(log, await makeBatch([{ value: 'first' }]));
    const batch = await makeBatch([{ value: 'second', key: 'k' }], { compression: 1 });
    const original = Buffer.from(batch);
    appendOk(log, batch);
    const stored = log.read(1, 1 << 20);
    expect(stored.readBigInt64BE(0)).toBe(1n);
    expect(stored.subarray(8).equals(original.subarray(8))).toBe(true);
  });

  it('returns the batch containing a mid-batch offset, whole batches within maxBytes, and at least one batch', async () => {
    const { log } = open();
    for (let i = 0; i < 10; i++) appendOk(log, await makeBatch([{ value: `v${i}a` }, { value: `v${i}b` }]));
    const mid = await decodeBatches(log.read(7, 1 << 20));
    expect(mid[0]!.firstOffset).toBe('6');
    expect(mid.length).toBe(7);
    const one = await decodeBatches(log.read(4, 1));
    expect(one.map((b) => b.firstOffset)).toEqual(['4']);
    const size = log.read(0, 1).length;
    const two = await decodeBatches(log.read(0, size * 2 + 10));
    expect(two.length).toBe(2);
  });

  it('answers an empty buffer at the high watermark and throws OffsetOutOfRange outside the log', async () => {
    const { log } = open();
    appendOk(log, await makeBatch([{ value: 'a' }]));
    expect(log.read(1, 1000).length).toBe(0);
    expect(() => log.read(2, 1000)).toThrow(OffsetOutOfRange);
    expect(() => log.read(-1, 1000)).toThrow(OffsetOutOfRange);
    try {
      log.read(5, 10);
    } catch (err) {
      expect((err as OffsetOutOfRange).errorCode).toBe(1);
    }
  });

  it('rolls segments at segmentBytes, names them by base offset, and reads across them', async () => {
    const { log, dir } = open({ segmentBytes: 2048 });
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      appendOk(log, await makeBatch([{ value: `message-${i}-${'x'.repeat(100)}` }]));
      expected.push(`message-${i}-${'x'.repeat(100)}`);
    }
    const files = readdirSync(join(dir, 't-0')).filter((f) => f.endsWith('.log')).sort();
    expect(files.length).toBeGreaterThan(2);
    expect(files[0]).toBe('00000000000000000000.log');
    for (const f of files) expect(f).toMatch(/^\d{20}\.log$/);
    expect(log.segmentCount()).toBe(files.length);
    // Consume like a client: fetch from the next offset until the high watermark.
    const got: string[] = [];
    let offset = 0;
    while (offset < log.highWatermark()) {
      const records = await decodeRecords(log.read(offset, 700));
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) if (r.offset >= offset) got.push(r.value);
      offset = records.at(-1)!.offset + 1;
    }
    expect(got).toEqual(expected);
  });

  it('bounds the file descriptors held by sealed segments and reopens them on demand', async () => {
    const fdCount = () => readdirSync('/proc/self/fd').length;
    const before = fdCount();
    const { log } = open({ segmentBytes: 64, flush: 1000 });
    const batch = await makeBatch([{ value: 'one batch per segment' }]);
    for (let i = 0; i < 700; i++) appendOk(log, Buffer.from(batch));
    expect(log.segmentCount()).toBe(700);
    expect(fdCount() - before).toBeLessThan(600);
    let offset = 0;
    while (offset < 700) {
      const records = await decodeRecords(log.read(offset, 1 << 20));
      expect(records[0]!.offset).toBe(offset);
      offset = records.at(-1)!.offset + 1;
    }
    expect(fdCount() - before).toBeLessThan(600);
  });

  it('keeps only sparse indexes in memory, not messages', async () => {
    const { log } = open({ segmentBytes: 8 << 20, indexIntervalBytes: 4096 });
    const value = Buffer.alloc(1000, 7);
    const messages: TestMessage[] = Array.from({ length: 100 }, () => ({ value }));
    const batch = await makeBatch(messages);
    for (let i = 0; i < 200; i++) appendOk(log, Buffer.from(batch));
    expect(log.sizeBytes()).toBeGreaterThan(20_000_000);
    // ~one 24-byte entry per 4 KiB: well under 1% of the data.
    expect(log.indexMemoryBytes()).toBeLessThan(log.sizeBytes() / 100);
    expect(log.highWatermark()).toBe(20_000);
  });
});

describe('offsetForTimestamp', () => {
  it('finds the first record whose own timestamp reaches the target, inside plain and gzip batches', async () => {
    const { log } = open({ segmentBytes: 4096, indexIntervalBytes: 256 });
    const all: { offset: number; timestamp: number }[] = [];
    let offset = 0;
    let ts = 1_700_000_000_000;
    for (let b = 0; b < 60; b++) {
      const msgs: TestMessage[] = [];
      for (let i = 0; i < 5; i++) {
        ts += 1 + ((b * 7 + i * 3) % 5);
        msgs.push({ value: `b${b}r${i}`, timestamp: ts });
      }
      appendOk(log, await makeBatch(msgs, { compression: (b % 3 === 0 ? 1 : 0) as 0 | 1 }));
      for (const m of msgs) all.push({ offset: offset++, timestamp: m.timestamp! });
    }
    expect(log.segmentCount()).toBeGreaterThan(1);
    const first = all[0]!.timestamp;
    const last = all.at(-1)!.timestamp;
    for (let t = first - 3; t <= last + 3; t++) {
      const want = all.find((r) => r.timestamp >= t);
      const got = log.offsetForTimestamp(t);
      expect(got, `ts ${t}`).toEqual(want ? { offset: want.offset, timestamp: want.timestamp } : null);
    }
  });

  it('handles timestamps out of order across batches (the first batch whose max reaches the target)', async () => {
    const { log } = open({ indexIntervalBytes: 1 });
    appendOk(log, await makeBatch([{ value: 'a', timestamp: 100 }]));
    appendOk(log, await makeBatch([{ value: 'b', timestamp: 300 }]));
    appendOk(log, await makeBatch([{ value: 'c', timestamp: 200 }]));
    appendOk(log, await makeBatch([{ value: 'd', timestamp: 400 }]));
    expect(log.offsetForTimestamp(150)).toEqual({ offset: 1, timestamp: 300 });
    expect(log.offsetForTimestamp(350)).toEqual({ offset: 3, timestamp: 400 });
    expect(log.offsetForTimestamp(401)).toBeNull();
    expect(log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 100 });
  });
});
