import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OffsetOutOfRange } from '../../src/storage/types.ts';
import { decodeRecords, makeBatch } from './kafkajs-batches.ts';
import { StorageFixture, appendOk } from './support.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

const HOUR = 3_600_000;
const filler = 'x'.repeat(300);

describe('retention by age', () => {
  it('deletes whole segments whose newest record is older than retentionMs, oldest first', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir, { segmentBytes: 1024, retentionMs: 10 * HOUR });
    const now = Date.now();
    // 12 batches, each ~400 bytes: 2 per segment. Timestamps from 24h ago to now.
    for (let i = 0; i < 12; i++) appendOk(log, await makeBatch([{ value: `${i}${filler}`, timestamp: now - (11 - i) * 2 * HOUR }]));
    const before = log.segmentCount();
    expect(before).toBe(6);
    log.enforceRetention(now);
    // Records at -22h..-12h are expired; segment [-14h,-12h] is, [-10h,-8h] is not.
    expect(log.logStartOffset()).toBe(6);
    expect(log.segmentCount()).toBe(3);
    expect(readdirSync(join(dir, 't-0')).filter((f) => f.endsWith('.log')).length).toBe(3);
    expect(() => log.read(5, 1000)).toThrow(OffsetOutOfRange);
    const kept = await decodeRecords(log.read(6, 1 << 20));
    expect(kept[0]!.value.startsWith('6')).toBe(true);
    expect(log.highWatermark()).toBe(12);
  });

  it('rolls and deletes an expired active segment so an idle topic empties, keeping the offsets', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir, { retentionMs: HOUR });
    const now = Date.now();
    appendOk(log, await makeBatch([{ value: 'old', timestamp: now - 3 * HOUR }]));
    appendOk(log, await makeBatch([{ value: 'old2', timestamp: now - 2 * HOUR }]));
    log.enforceRetention(now);
    expect(log.logStartOffset()).toBe(2);
    expect(log.highWatermark()).toBe(2);
    expect(log.sizeBytes()).toBe(0);
    expect(log.read(2, 100).length).toBe(0);
    expect(appendOk(log, await makeBatch([{ value: 'new' }]))).toBe(2);
  });

  it('keeps everything with retentionMs -1', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir, { segmentBytes: 1024, retentionMs: -1 });
    for (let i = 0; i < 6; i++) appendOk(log, await makeBatch([{ value: filler, timestamp: 1000 }]));
    log.enforceRetention(Date.now());
    expect(log.logStartOffset()).toBe(0);
  });
});

describe('retention by size', () => {
  it('deletes the oldest whole segments while the rest still holds retentionBytes, never the active one', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir, { segmentBytes: 1024, retentionMs: -1, retentionBytes: 1500 });
    for (let i = 0; i < 12; i++) appendOk(log, await makeBatch([{ value: `${i}${filler}` }]));
    const total = log.sizeBytes();
    const segments = log.segmentCount();
    log.enforceRetention(Date.now());
    expect(log.segmentCount()).toBeLessThan(segments);
    expect(log.sizeBytes()).toBeGreaterThanOrEqual(1500);
    expect(log.sizeBytes()).toBeLessThan(total);
    // Deleting one more segment would drop below the limit.
    expect(log.sizeBytes() - 1024).toBeLessThan(1500);
    const start = log.logStartOffset();
    expect(start).toBeGreaterThan(0);
    const first = await decodeRecords(log.read(start, 100));
    expect(first[0]!.value.startsWith(String(start))).toBe(true);

    // retentionBytes 0 removes every sealed segment but never the active one.
    const { log: log2 } = fx.openTopic(fx.newDir(), { segmentBytes: 1024, retentionMs: -1, retentionBytes: 0 });
    for (let i = 0; i < 12; i++) appendOk(log2, await makeBatch([{ value: `${i}${filler}` }]));
    log2.enforceRetention(Date.now());
    expect(log2.segmentCount()).toBe(1);
    expect(log2.sizeBytes()).toBeGreaterThan(0);
    expect(log2.highWatermark()).toBe(12);
  });

  it('survives a restart: logStartOffset comes from the remaining segment files', async () => {
    const dir = fx.newDir();
    const { manager, log } = fx.openTopic(dir, { segmentBytes: 1024, retentionMs: -1, retentionBytes: 1000 });
    for (let i = 0; i < 12; i++) appendOk(log, await makeBatch([{ value: `${i}${filler}` }]));
    log.enforceRetention(Date.now());
    const start = log.logStartOffset();
    manager.close();
    const reopened = fx.openTopic(dir, { segmentBytes: 1024 }).log;
    expect(reopened.logStartOffset()).toBe(start);
    expect(reopened.highWatermark()).toBe(12);
  });
});
