/**
 * Model-based property test: random sequences of appends (plain, gzip,
 * idempotent with retries), reads at random offsets, size retention, clean
 * reopens and crash reopens, checked against a plain array of what was
 * acknowledged. Tiny segments make rolls and multi-segment reads frequent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRecords, makeBatch } from './kafkajs-batches.ts';
import { StorageFixture } from './support.ts';
import type { FileLogManager } from '../../src/storage/log-manager.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

type Op =
  | { kind: 'append'; n: number; gzip: boolean; idempotent: boolean; retry: boolean }
  | { kind: 'read'; at: number; maxBytes: number }
  | { kind: 'retention' }
  | { kind: 'reopen'; clean: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 6 }), gzip: fc.boolean(), idempotent: fc.boolean(), retry: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), at: fc.nat(), maxBytes: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retention' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), clean: fc.boolean() }) },
);

describe('PartitionLog against a model', () => {
  it('offsets, contents, dedupe and recovery agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const dir = fx.newDir();
        // Retention runs only when the op asks (its timer is 60 s away).
        const config = { segmentBytes: 600, indexIntervalBytes: 128, retentionMs: -1, retentionBytes: 1500 };
        let manager: FileLogManager = fx.open(dir, config);
        manager.createTopic('t', 1);
        let log = manager.partition('t', 0)!;
        const model: string[] = []; // value at each offset
        let seq = 0;
        let serial = 0;
        for (const o of ops) {
          if (o.kind === 'append') {
            const values = Array.from({ length: o.n }, () => `v${serial++}`);
            const opts = { compression: (o.gzip ? 1 : 0) as 0 | 1, ...(o.idempotent ? { producerId: 77, producerEpoch: 0, baseSequence: seq } : {}) };
            const batch = await makeBatch(values.map((value) => ({ value })), opts);
            const retry = Buffer.from(batch);
            const res = log.append(batch);
            expect(res).toMatchObject({ ok: true, baseOffset: model.length, duplicate: false });
            model.push(...values);
            if (o.idempotent) {
              seq += o.n;
              if (o.retry) expect(log.append(retry)).toMatchObject({ ok: true, baseOffset: model.length - o.n, duplicate: true });
            }
          } else if (o.kind === 'read') {
            const start = log.logStartOffset();
            const span = model.length - start + 1;
            const offset = start + (o.at % span);
            const records = await decodeRecords(log.read(offset, o.maxBytes));
            if (offset === model.length) {
              expect(records).toEqual([]);
            } else {
              expect(records.length).toBeGreaterThan(0);
              expect(records[0]!.offset).toBeLessThanOrEqual(offset);
              expect(records.some((r) => r.offset === offset)).toBe(true);
              for (const r of records) expect(r.value).toBe(model[r.offset]);
              // Contiguous offsets: nothing skipped inside what one read returns.
              records.forEach((r, i) => expect(r.offset).toBe(records[0]!.offset + i));
            }
          } else if (o.kind === 'retention') {
            const before = log.logStartOffset();
            const sizeBefore = log.sizeBytes();
            log.enforceRetention(Date.now());
            // Kafka's rule: only delete while at least retentionBytes remain.
            if (sizeBefore >= 1500) expect(log.sizeBytes()).toBeGreaterThanOrEqual(1500);
            else expect(log.sizeBytes()).toBe(sizeBefore);
            expect(log.logStartOffset()).toBeGreaterThanOrEqual(before);
            expect(log.logStartOffset()).toBeLessThanOrEqual(model.length);
          } else {
            const start = log.logStartOffset();
            if (o.clean) manager.close();
            manager = fx.open(dir, config);
            log = manager.partition('t', 0)!;
            expect(log.highWatermark()).toBe(model.length);
            expect(log.logStartOffset()).toBe(start);
          }
          expect(log.highWatermark()).toBe(model.length);
        }
      }),
      { numRuns: 30 },
    );
  });
});
