import { afterEach, describe, expect, it } from 'vitest';
import { makeBatch } from './kafkajs-batches.ts';
import { StorageFixture } from './support.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

const PID = 4242;
const batch = (baseSequence: number, n = 1, producerEpoch = 0, producerId = PID) =>
  makeBatch(Array.from({ length: n }, (_, i) => ({ value: `s${baseSequence + i}` })), { producerId, producerEpoch, baseSequence });

describe('idempotent producer dedupe', () => {
  it('answers a retried batch with its original offset and writes nothing', async () => {
    const { log } = fx.openTopic(fx.newDir());
    const first = await batch(0, 3);
    const retry = Buffer.from(first);
    expect(log.append(first)).toMatchObject({ ok: true, baseOffset: 0, duplicate: false });
    expect(log.append(await batch(3, 2))).toMatchObject({ ok: true, baseOffset: 3, duplicate: false });
    const size = log.sizeBytes();
    expect(log.append(retry)).toMatchObject({ ok: true, baseOffset: 0, duplicate: true });
    expect(log.append(await batch(3, 2))).toMatchObject({ ok: true, baseOffset: 3, duplicate: true });
    expect(log.sizeBytes()).toBe(size);
    expect(log.highWatermark()).toBe(5);
    expect(log.append(await batch(5))).toMatchObject({ ok: true, baseOffset: 5, duplicate: false });
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER (45) and accepts the right next one', async () => {
    const { log } = fx.openTopic(fx.newDir());
    expect(log.append(await batch(0, 2)).ok).toBe(true);
    expect(log.append(await batch(5))).toMatchObject({ ok: false, errorCode: 45 });
    expect(log.append(await batch(1))).toMatchObject({ ok: false, errorCode: 45 });
    expect(log.append(await batch(2))).toMatchObject({ ok: true, baseOffset: 2 });
    expect(log.highWatermark()).toBe(3);
  });

  it('fences an older epoch with INVALID_PRODUCER_EPOCH (47); a new epoch starts at sequence 0', async () => {
    const { log } = fx.openTopic(fx.newDir());
    expect(log.append(await batch(0, 1, 0)).ok).toBe(true);
    expect(log.append(await batch(3, 1, 1))).toMatchObject({ ok: false, errorCode: 45 });
    expect(log.append(await batch(0, 1, 1))).toMatchObject({ ok: true, baseOffset: 1, duplicate: false });
    expect(log.append(await batch(1, 1, 0))).toMatchObject({ ok: false, errorCode: 47 });
  });

  it('keeps producers apart and never dedupes non-idempotent batches (producer id -1)', async () => {
    const { log } = fx.openTopic(fx.newDir());
    expect(log.append(await batch(0, 1, 0, 1)).ok).toBe(true);
    expect(log.append(await batch(0, 1, 0, 2))).toMatchObject({ ok: true, duplicate: false, baseOffset: 1 });
    const plain = await makeBatch([{ value: 'p' }]);
    expect(log.append(Buffer.from(plain))).toMatchObject({ ok: true, duplicate: false, baseOffset: 2 });
    expect(log.append(Buffer.from(plain))).toMatchObject({ ok: true, duplicate: false, baseOffset: 3 });
  });

  it('refuses several idempotent batches in one record set with INVALID_RECORD (87)', async () => {
    const { log } = fx.openTopic(fx.newDir());
    expect(log.append(Buffer.concat([await batch(0), await batch(1)]))).toMatchObject({ ok: false, errorCode: 87 });
    expect(log.highWatermark()).toBe(0);
  });

  it('rebuilds producer state from the log after a crash: a retry after restart is still a duplicate', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir);
    for (let s = 0; s < 10; s += 2) expect(log.append(await batch(s, 2)).ok).toBe(true);
    // Reopen without close (crash): state comes from the batch headers.
    const again = fx.openTopic(dir).log;
    expect(again.append(await batch(8, 2))).toMatchObject({ ok: true, baseOffset: 8, duplicate: true });
    expect(again.append(await batch(6, 2))).toMatchObject({ ok: true, baseOffset: 6, duplicate: true });
    expect(again.append(await batch(11))).toMatchObject({ ok: false, errorCode: 45 });
    expect(again.append(await batch(10))).toMatchObject({ ok: true, baseOffset: 10, duplicate: false });
  });
});
