/**
 * Damage outside a log's tail (issue 13, bug 5). A torn end of the last
 * segment is what a crash leaves and is cut on open; anything else (a
 * corrupt length or CRC in an older segment, a missing middle segment, an
 * intact batch after a damaged one) is not a crash artefact, so the open
 * refuses, naming the file, byte position and offsets, and deletes nothing.
 * With recovery 'truncate-damaged' (the operator's explicit choice) only the
 * damaged bytes are moved aside and every intact batch is kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeRecords, makeBatch } from './kafkajs-batches.ts';
import { flipByte, fileSizes, overwrite, storedBatches } from './segment-files.ts';
import { StorageFixture, appendOk } from './support.ts';
import { LogDamagedError } from '../../src/storage/damage.ts';
import type { FilePartitionLog } from '../../src/storage/partition-log.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

const SEGMENT_BYTES = 600;

/** `count` batches of 2 records each in segments of ~600 bytes; the manager is abandoned (a crash). */
async function fill(dir: string, count: number): Promise<void> {
  const { log } = fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES });
  for (let i = 0; i < count; i++) appendOk(log, await makeBatch([{ value: `m${2 * i}` }, { value: `m${2 * i + 1}` }]));
}

/** Same, closed cleanly (a clean start skips nothing that matters here). */
async function fillClean(dir: string, count: number): Promise<void> {
  const { manager, log } = fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES });
  for (let i = 0; i < count; i++) appendOk(log, await makeBatch([{ value: `m${2 * i}` }, { value: `m${2 * i + 1}` }]));
  manager.close();
}

/** Consume like a client: fetch from the next offset until the high watermark; offsets and values. */
async function consume(log: FilePartitionLog): Promise<{ offset: number; value: string }[]> {
  const out: { offset: number; value: string }[] = [];
  let offset = log.logStartOffset();
  while (offset < log.highWatermark()) {
    const records = await decodeRecords(log.read(offset, 1 << 20));
    for (const r of records) if (r.offset >= offset) out.push({ offset: r.offset, value: r.value });
    offset = records.at(-1)!.offset + 1;
  }
  return out;
}

function openError(dir: string, recovery?: 'strict'): LogDamagedError {
  try {
    fx.open(dir, { segmentBytes: SEGMENT_BYTES }, recovery ? { recovery } : {});
  } catch (err) {
    expect(err).toBeInstanceOf(LogDamagedError);
    return err as LogDamagedError;
  }
  throw new Error('the log opened although it is damaged');
}

const allValues = (batches: number): string[] => Array.from({ length: 2 * batches }, (_, i) => `m${i}`);

describe('damage outside the tail: the open refuses and deletes nothing', () => {
  it('a corrupt length field in an older segment names the file, byte position and offsets', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    const victim = map[1]!; // second batch of the first segment
    expect(victim.file).toBe(map[0]!.file);
    overwrite(victim.file, victim.position + 8, [0x7f, 0xff, 0xff, 0xff]);
    const before = fileSizes(join(dir, 't-0'));

    const err = openError(dir);
    expect(err.message).toContain(victim.file);
    expect(err.message).toContain(`byte ${victim.position}`);
    expect(err.message).toContain(`offsets ${victim.baseOffset}..${victim.lastOffset}`);
    expect(err.message).toMatch(/BROKER_RECOVERY=truncate-damaged/);
    expect(err.damages[0]).toMatchObject({ file: victim.file, position: victim.position, fromOffset: victim.baseOffset });
    expect(fileSizes(join(dir, 't-0'))).toEqual(before);
    // The refused open released the data dir: it can be opened again (and refuses again).
    expect(openError(dir).damages.length).toBe(err.damages.length);
  });

  it('a missing middle segment names the missing offsets', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const files = [...new Set(storedBatches(join(dir, 't-0')).map((b) => b.file))];
    expect(files.length).toBeGreaterThan(4);
    const gone = storedBatches(join(dir, 't-0')).filter((b) => b.file === files[2]);
    unlinkSync(files[2]!);
    const before = fileSizes(join(dir, 't-0'));

    const err = openError(dir);
    expect(err.message).toContain(`offsets ${gone[0]!.baseOffset}..${gone.at(-1)!.lastOffset}`);
    expect(err.message).toContain(files[3]!);
    expect(fileSizes(join(dir, 't-0'))).toEqual(before);
  });

  it('flipped payload bytes in an older segment are detected by their CRC-32C, after a clean stop too', async () => {
    const dir = fx.newDir();
    await fillClean(dir, 40);
    const victim = storedBatches(join(dir, 't-0'))[4]!;
    flipByte(victim.file, victim.position + victim.size - 3); // inside the record value
    const before = fileSizes(join(dir, 't-0'));

    const err = openError(dir);
    expect(err.message).toContain(victim.file);
    expect(err.message).toContain(`byte ${victim.position}`);
    expect(err.message).toMatch(/CRC-32C/);
    expect(err.message).toContain(`offsets ${victim.baseOffset}..${victim.lastOffset}`);
    expect(fileSizes(join(dir, 't-0'))).toEqual(before);
  });

  it('a damaged batch in the last segment followed by intact batches is not a torn tail: refused too', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    const last = map.filter((b) => b.file === map.at(-1)!.file);
    expect(last.length).toBeGreaterThan(2);
    flipByte(last[0]!.file, last[0]!.position + last[0]!.size - 3);
    const before = fileSizes(join(dir, 't-0'));
    const err = openError(dir);
    expect(err.message).toContain(`byte ${last[0]!.position}`);
    expect(fileSizes(join(dir, 't-0'))).toEqual(before);
  });

  it('every damaged place is reported at once', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    flipByte(map[2]!.file, map[2]!.position + map[2]!.size - 3);
    flipByte(map[20]!.file, map[20]!.position + map[20]!.size - 3);
    const err = openError(dir);
    expect(err.damages.map((d) => d.fromOffset)).toEqual([map[2]!.baseOffset, map[20]!.baseOffset]);
  });
});

describe("recovery 'truncate-damaged': only the damaged bytes go", () => {
  const repair = (dir: string) => fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES }, { recovery: 'truncate-damaged' });

  it('a corrupt length field in an older segment loses that batch only; later segments stay', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    const victim = map[1]!;
    overwrite(victim.file, victim.position + 8, [0x7f, 0xff, 0xff, 0xff]);
    const damagedBytes = readFileSync(victim.file).subarray(victim.position, victim.position + victim.size);

    const { log } = repair(dir);
    expect(log.highWatermark()).toBe(80);
    expect(log.logStartOffset()).toBe(0);
    const got = await consume(log);
    const lost = new Set([victim.baseOffset, victim.lastOffset]);
    expect(got.map((r) => r.offset)).toEqual(Array.from({ length: 80 }, (_, i) => i).filter((o) => !lost.has(o)));
    expect(got.map((r) => r.value)).toEqual(allValues(40).filter((_, i) => !lost.has(i)));
    // The damaged bytes are kept aside, named by the offsets they held.
    const aside = readdirSync(join(dir, 't-0')).filter((f) => f.endsWith('.damaged'));
    expect(aside).toEqual([`${String(victim.baseOffset).padStart(20, '0')}-${String(victim.lastOffset + 1).padStart(20, '0')}.damaged`]);
    expect(readFileSync(join(dir, 't-0', aside[0]!))).toEqual(damagedBytes);
    expect(appendOk(log, await makeBatch([{ value: 'next' }]))).toBe(80);

    // The repaired log is consistent: a strict open accepts it as it is.
    fx.closeAll();
    const again = fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES }).log;
    expect((await consume(again)).length).toBe(79);
  });

  it('a missing middle segment leaves a recorded gap that reads skip', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const files = [...new Set(storedBatches(join(dir, 't-0')).map((b) => b.file))];
    const gone = storedBatches(join(dir, 't-0')).filter((b) => b.file === files[2]);
    unlinkSync(files[2]!);
    const { log } = repair(dir);
    expect(log.highWatermark()).toBe(80);
    const lost = new Set(Array.from({ length: gone.at(-1)!.lastOffset - gone[0]!.baseOffset + 1 }, (_, i) => gone[0]!.baseOffset + i));
    expect((await consume(log)).map((r) => r.offset)).toEqual(Array.from({ length: 80 }, (_, i) => i).filter((o) => !lost.has(o)));
    // Reading from inside the gap starts at the first offset after it.
    const fromGap = await decodeRecords(log.read(gone[0]!.baseOffset, 1 << 20));
    expect(fromGap[0]!.offset).toBe(gone.at(-1)!.lastOffset + 1);
    fx.closeAll();
    expect(fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES }).log.highWatermark()).toBe(80);
  });

  it('flipped bytes in an older segment lose that batch only', async () => {
    const dir = fx.newDir();
    await fillClean(dir, 40);
    const victim = storedBatches(join(dir, 't-0'))[4]!;
    flipByte(victim.file, victim.position + victim.size - 3);
    const { log } = repair(dir);
    const got = await consume(log);
    expect(got.length).toBe(78);
    expect(got.some((r) => r.offset === victim.baseOffset)).toBe(false);
    expect(log.highWatermark()).toBe(80);
  });

  it('a repair interrupted before the damaged file was cut is finished by the next repair run', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    const victim = map[1]!;
    const next = map[2]!;
    expect(next.file).toBe(victim.file);
    flipByte(victim.file, victim.position + victim.size - 3);
    // What a repair writes before it cuts the damaged file: the intact rest as a new segment,
    // the damaged bytes aside (plus a temp file it had not renamed yet). Then "the crash".
    const bytes = readFileSync(victim.file);
    const pdir = join(dir, 't-0');
    writeFileSync(join(pdir, `${String(next.baseOffset).padStart(20, '0')}.log`), bytes.subarray(next.position));
    writeFileSync(join(pdir, `${String(victim.baseOffset).padStart(20, '0')}-${String(next.baseOffset).padStart(20, '0')}.damaged`), bytes.subarray(victim.position, next.position));
    writeFileSync(join(pdir, `${String(next.baseOffset).padStart(20, '0')}.log.tmp`), bytes.subarray(next.position, next.position + 10));

    expect(openError(dir).damages.length).toBeGreaterThan(0); // a normal start still refuses
    const { log } = repair(dir);
    expect(log.highWatermark()).toBe(80);
    expect((await consume(log)).map((r) => r.offset)).toEqual(Array.from({ length: 80 }, (_, i) => i).filter((o) => o !== 2 && o !== 3));
    expect(readdirSync(pdir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(victim.file).size).toBe(victim.position);
  });

  it('a torn tail is still cut in the default mode, without the flag', async () => {
    const dir = fx.newDir();
    await fill(dir, 40);
    const map = storedBatches(join(dir, 't-0'));
    const last = map.at(-1)!;
    flipByte(last.file, last.position + last.size - 3);
    const log = fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES }).log;
    expect(log.highWatermark()).toBe(78);
    expect(statSync(last.file).size).toBe(last.position);
  });
});

describe('batches are verified when served', () => {
  it('a batch damaged while the broker runs is never served; batches before it are', async () => {
    const dir = fx.newDir();
    const { log } = fx.openTopic(dir, { segmentBytes: SEGMENT_BYTES });
    for (let i = 0; i < 40; i++) appendOk(log, await makeBatch([{ value: `m${2 * i}` }, { value: `m${2 * i + 1}` }]));
    const victim = storedBatches(join(dir, 't-0'))[3]!;
    flipByte(victim.file, victim.position + victim.size - 3);

    const upTo = await decodeRecords(log.read(0, 1 << 20));
    expect(upTo.map((r) => r.offset)).toEqual(Array.from({ length: victim.baseOffset }, (_, i) => i));
    let thrown: unknown;
    try {
      log.read(victim.baseOffset, 1 << 20);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ errorCode: 2 });
    expect((thrown as Error).message).toContain(basename(victim.file));
    expect((thrown as Error).message).toContain(`byte ${victim.position}`);
  });
});
