/**
 * Log compaction (storage/log-cleaner.ts) on the storage alone: Kafka's
 * semantics for closed segments, offsets, tombstones, compact,delete, the
 * key-map cap, and what a restart (clean or after a crash mid-clean) finds.
 * Batches are kafkajs's own; reads go through PartitionLog.read, as a Fetch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { FilePartitionLog } from '../../src/storage/partition-log.ts';
import type { TopicConfig } from '../../src/storage/topic-config.ts';
import { LogDamagedError } from '../../src/storage/damage.ts';
import { swapFileName } from '../../src/storage/cleaner-files.ts';
import { segmentFileName } from '../../src/storage/segment.ts';
import { decodeRecords, makeBatch, type TestMessage } from './kafkajs-batches.ts';
import { StorageFixture, appendOk } from './support.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

const HOUR = 3_600_000;
const COMPACT: TopicConfig = { cleanupPolicy: { compact: true, delete: false } };

type Rec = { offset: number; key: string | null; value: string | null };

/** Everything a consumer reading from `from` gets, in order (read() as Fetch calls it). */
async function readAll(log: FilePartitionLog, from = log.logStartOffset()): Promise<Rec[]> {
  const out: Rec[] = [];
  let offset = from;
  while (offset < log.highWatermark()) {
    const recs = await decodeRecords(log.read(offset, 64 * 1024));
    const fresh = recs.filter((r) => r.offset >= offset);
    if (recs.length === 0) break;
    for (const r of fresh) out.push({ offset: r.offset, key: r.key, value: r.value === 'null' ? null : r.value });
    // Like a client: continue after the last record received (or past a batch left without any).
    offset = Math.max(offset + 1, (recs.at(-1)?.offset ?? offset) + 1);
  }
  return out;
}

function openCompacted(dir: string, topicConfig: TopicConfig = COMPACT, opts: Parameters<StorageFixture['open']>[2] = {}, segmentBytes = 1024) {
  const manager = fx.open(dir, { segmentBytes }, opts);
  if (!manager.hasTopic('c')) manager.createTopic('c', 1, topicConfig);
  return { manager, log: manager.partition('c', 0)! };
}

/** `versions` rounds over `keys` keys; every third round in one batch of all keys, else a batch per record. */
async function produceVersions(log: FilePartitionLog, keys: number, versions: number, pad = 60): Promise<Rec[]> {
  const sent: Rec[] = [];
  for (let v = 0; v < versions; v++) {
    const messages: TestMessage[] = Array.from({ length: keys }, (_, k) => ({ key: `key-${k}`, value: `k${k}-v${v}-${'p'.repeat(pad)}` }));
    const batches = v % 3 === 0 ? [messages] : messages.map((m) => [m]);
    for (const b of batches) {
      const base = appendOk(log, await makeBatch(b));
      b.forEach((m, i) => sent.push({ offset: base + i, key: m.key!, value: String(m.value) }));
    }
  }
  return sent;
}

/** Kafka's result: below `cleanEnd` the latest record of each key there; from it on, everything. */
function expectedAfterClean(sent: Rec[], cleanEnd: number): Rec[] {
  const latest = new Map<string | null, number>();
  for (const r of sent) if (r.offset < cleanEnd) latest.set(r.key, r.offset);
  return sent.filter((r) => r.offset >= cleanEnd || r.key === null || latest.get(r.key) === r.offset);
}

function logCapture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log compaction: closed segments keep the latest record per key', () => {
  it('keeps the latest of each key below the active segment, with original offsets; the active segment is untouched', async () => {
    const { manager, log } = openCompacted(fx.newDir());
    const sent = await produceVersions(log, 5, 40);
    const activeBase = log.activeBaseOffset();
    expect(log.segmentCount()).toBeGreaterThan(5);
    const activeBefore = (await readAll(log)).filter((r) => r.offset >= activeBase);

    const reports = await manager.runCleaner();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.to).toBe(activeBase);

    const after = await readAll(log);
    expect(after).toEqual(expectedAfterClean(sent, activeBase));
    // Only the latest version of each key is left in the cleaned part: 5 records.
    expect(after.filter((r) => r.offset < activeBase)).toHaveLength(5);
    expect(after.filter((r) => r.offset >= activeBase)).toEqual(activeBefore);
    expect(log.logStartOffset()).toBe(0);
    expect(log.highWatermark()).toBe(sent.length);
    expect(reports[0]!.bytesAfter).toBeLessThan(reports[0]!.bytesBefore / 5);
    expect(reports[0]!.recordsRemoved).toBe(activeBase - 5);
  });

  it('a pass cleans up to the segments it found, even when segments roll while it maps keys: its report and checkpoint say so', async () => {
    const { manager, log } = openCompacted(fx.newDir());
    await produceVersions(log, 5, 20);
    const activeBase = log.activeBaseOffset();
    const pass = manager.runCleaner();
    // Written while the pass reads (its reads are asynchronous): new versions roll new segments.
    const later = await produceVersions(log, 5, 20);
    expect(log.activeBaseOffset()).toBeGreaterThan(activeBase);
    const reports = await pass;
    expect(reports).toHaveLength(1);
    expect(reports[0]!.to).toBe(activeBase);
    expect(log.cleanerCheckpoint().cleanedTo).toBe(activeBase);
    // The next pass finds the segments rolled meanwhile dirty and cleans them: 5 keys, 5 records below the active segment.
    const next = await manager.runCleaner();
    expect(next).toHaveLength(1);
    const after = await readAll(log);
    expect(after.filter((r) => r.offset < log.activeBaseOffset())).toHaveLength(5);
    expect(after.at(-1)!.offset).toBe(later.at(-1)!.offset);
  });

  it('a read at an offset compacted away returns the next surviving record, not OFFSET_OUT_OF_RANGE', async () => {
    const { manager, log } = openCompacted(fx.newDir());
    const sent = await produceVersions(log, 3, 30);
    await manager.runCleaner();
    const survivors = await readAll(log);
    const gone = sent.find((r) => !survivors.some((s) => s.offset === r.offset))!;
    const next = survivors.find((s) => s.offset > gone.offset)!;
    const got = (await decodeRecords(log.read(gone.offset, 1024))).filter((r) => r.offset >= gone.offset);
    expect(got[0]!.offset).toBe(next.offset);
  });

  it('a topic without compact in its cleanup.policy is never cleaned', async () => {
    const dir = fx.newDir();
    const { manager, log } = openCompacted(dir, { cleanupPolicy: { compact: false, delete: true } });
    const sent = await produceVersions(log, 5, 20);
    const files = (): Record<string, string> => Object.fromEntries(readdirSync(join(dir, 'c-0')).map((f) => [f, readFileSync(join(dir, 'c-0', f), 'hex')]));
    const before = files();
    expect(await manager.runCleaner()).toEqual([]);
    expect(files()).toEqual(before);
    expect(await readAll(log)).toEqual(sent);
  });

  it('gzip batches are filtered and compressed again', async () => {
    const { manager, log } = openCompacted(fx.newDir());
    const sent: Rec[] = [];
    for (let v = 0; v < 30; v++) {
      const messages = [0, 1, 2].map((k) => ({ key: `g${k}`, value: `v${v}-${k}-${'z'.repeat(200)}` }));
      const base = appendOk(log, await makeBatch(messages, { compression: 1 }));
      messages.forEach((m, i) => sent.push({ offset: base + i, key: m.key, value: m.value }));
    }
    const activeBase = log.activeBaseOffset();
    await manager.runCleaner();
    expect(await readAll(log)).toEqual(expectedAfterClean(sent, activeBase));
  });

  it('a second pass cleans the new dirty part and keeps one record per key overall below the active segment', async () => {
    const { manager, log } = openCompacted(fx.newDir());
    const sent = await produceVersions(log, 4, 20);
    await manager.runCleaner();
    sent.push(...(await produceVersions(log, 4, 20)).map((r) => ({ ...r })));
    const activeBase = log.activeBaseOffset();
    const [report] = await manager.runCleaner();
    expect(report!.to).toBe(activeBase);
    const after = await readAll(log);
    expect(after.filter((r) => r.offset < activeBase)).toHaveLength(4);
    expect(after.map((r) => r.offset)).toEqual(expectedAfterClean(sent, activeBase).map((r) => r.offset));
  });

  it('waits for min.cleanable.dirty.ratio: a little new dirty data after a clean does not start a pass', async () => {
    const { manager, log } = openCompacted(fx.newDir(), { ...COMPACT, minCleanableDirtyRatio: 0.9 }, {}, 4096);
    await produceVersions(log, 50, 12, 100);
    expect(await manager.runCleaner()).toHaveLength(1);
    // ~2 more closed segments of dirty data beside the clean ones: below 0.9.
    await produceVersions(log, 50, 2, 100);
    expect(await manager.runCleaner()).toEqual([]);
  });
});

describe('log compaction: tombstones and cleanup.policy', () => {
  it('removes tombstones older than delete.retention.ms with every older record of their key; keeps younger ones', async () => {
    const { manager, log } = openCompacted(fx.newDir(), { ...COMPACT, deleteRetentionMs: HOUR });
    const now = Date.now();
    appendOk(log, await makeBatch([{ key: 'old', value: 'a', timestamp: now - 3 * HOUR }, { key: 'young', value: 'b', timestamp: now - 3 * HOUR }]));
    appendOk(log, await makeBatch([{ key: 'old', value: null as unknown as string, timestamp: now - 2 * HOUR }]));
    appendOk(log, await makeBatch([{ key: 'young', value: null as unknown as string, timestamp: now - 60_000 }]));
    appendOk(log, await makeBatch([{ key: 'kept', value: 'c'.repeat(1100), timestamp: now }])); // rolls: the above are closed
    appendOk(log, await makeBatch([{ key: 'active', value: 'd', timestamp: now }]));
    const [report] = await manager.runCleaner(now);
    const after = await readAll(log);
    expect(after.map((r) => [r.offset, r.key, r.value])).toEqual([
      [3, 'young', null],
      [4, 'kept', 'c'.repeat(1100)],
      [5, 'active', 'd'],
    ]);
    expect(report!.tombstonesRemoved).toBe(1);
  });

  it('compact alone: retention by age deletes nothing; compact,delete: both apply', async () => {
    const now = Date.now();
    for (const [policy, expectStart] of [
      [{ compact: true, delete: false }, 0],
      [{ compact: true, delete: true }, 'moved'],
    ] as const) {
      const { manager, log } = openCompacted(fx.newDir(), { cleanupPolicy: policy }, {}, 1024);
      fx.closeAll();
      void manager;
      const reopened = fx.open(join(log.dir, '..'), { segmentBytes: 1024, retentionMs: 6 * HOUR });
      const l = reopened.partition('c', 0)!;
      for (let i = 0; i < 12; i++) appendOk(l, await makeBatch([{ key: `k${i % 2}`, value: `${i}${'x'.repeat(300)}`, timestamp: now - (12 - i) * HOUR }]));
      l.enforceRetention(now);
      if (expectStart === 0) expect(l.logStartOffset()).toBe(0);
      else expect(l.logStartOffset()).toBeGreaterThan(0);
      const [report] = await reopened.runCleaner(now);
      expect(report).toBeDefined();
      const below = (await readAll(l)).filter((r) => r.offset < l.activeBaseOffset());
      expect(new Set(below.map((r) => r.key)).size).toBe(below.length);
      // Later, with everything expired: compact,delete empties the log (cleaned segments, emptied ones
      // included, go by age); compact alone keeps it.
      l.enforceRetention(now + 100 * HOUR);
      if (expectStart === 0) expect(l.logStartOffset()).toBe(0);
      else expect(l.logStartOffset()).toBe(l.highWatermark());
    }
  });

  it('refuses a record without a key on a compacted topic with INVALID_RECORD (87), writing nothing', async () => {
    const { log } = openCompacted(fx.newDir());
    appendOk(log, await makeBatch([{ key: 'a', value: '1' }]));
    const r = log.append(await makeBatch([{ key: 'b', value: '2' }, { key: null, value: '3' }]));
    expect(r).toMatchObject({ ok: false, errorCode: 87 });
    expect(r.ok ? '' : r.message).toContain('Compacted topic cannot accept message without key');
    const gz = log.append(await makeBatch([{ key: null, value: '3' }], { compression: 1 }));
    expect(gz).toMatchObject({ ok: false, errorCode: 87 });
    expect(log.highWatermark()).toBe(1);
  });

  it('segment.ms rolls the active segment once its first record is that old, so a quiet topic gets cleaned', async () => {
    const { manager, log } = openCompacted(fx.newDir(), { ...COMPACT, segmentMs: HOUR }, {}, 1024 * 1024);
    const now = Date.now();
    appendOk(log, await makeBatch([{ key: 'a', value: '1', timestamp: now - 2 * HOUR }]));
    appendOk(log, await makeBatch([{ key: 'a', value: '2', timestamp: now - 2 * HOUR }]));
    expect(log.segmentCount()).toBe(2); // the first record was older than segment.ms: rolled
    appendOk(log, await makeBatch([{ key: 'a', value: '3', timestamp: now }]));
    appendOk(log, await makeBatch([{ key: 'a', value: '4', timestamp: now }]));
    expect(log.segmentCount()).toBe(3);
    await manager.runCleaner();
    expect((await readAll(log)).map((r) => r.value)).toEqual(['2', '3', '4']);
  });

  it('segment.bytes of the topic rolls its segments, whatever the broker-wide size', async () => {
    const { log } = openCompacted(fx.newDir(), { ...COMPACT, segmentBytes: 1024 }, {}, 64 * 1024 * 1024);
    await produceVersions(log, 5, 10);
    expect(log.segmentCount()).toBeGreaterThan(5);
  });

  it('keeps the topic config across a restart', async () => {
    const dir = fx.newDir();
    openCompacted(dir, { ...COMPACT, deleteRetentionMs: 5000 });
    fx.closeAll();
    const { log } = openCompacted(dir);
    expect(log.topicConfig).toEqual({ ...COMPACT, deleteRetentionMs: 5000 });
  });
});

describe('log compaction: bounded memory', () => {
  it('a full key map ends the pass at a segment boundary, says so in the log, and the next pass does the rest', async () => {
    const cap = logCapture();
    // Ratio 0: every pass cleans what is dirty, so the test sees the cap alone at work.
    const { manager, log } = openCompacted(fx.newDir(), { ...COMPACT, minCleanableDirtyRatio: 0 }, { cleaner: { maxKeys: 12 }, logger: cap.logger });
    const sent: Rec[] = [];
    // 40 distinct keys, 4 versions each, in key order: 12 keys fill the map within a few segments.
    for (let v = 0; v < 4; v++) {
      for (let k = 0; k < 40; k++) {
        const base = appendOk(log, await makeBatch([{ key: `key-${k}`, value: `v${v}-${'q'.repeat(100)}` }]));
        sent.push({ offset: base, key: `key-${k}`, value: `v${v}` });
      }
    }
    const activeBase = log.activeBaseOffset();
    const [first] = await manager.runCleaner();
    expect(first!.keyMapFull).toBe(true);
    expect(first!.to).toBeLessThan(activeBase);
    expect(cap.lines().some((l) => l.level === 40 && String(l.msg).includes('key map full') && l.maxKeys === 12)).toBe(true);
    for (let pass = 0; pass < 100 && log.cleanerCheckpoint().cleanedTo < activeBase; pass++) await manager.runCleaner();
    expect(log.cleanerCheckpoint().cleanedTo).toBe(activeBase);
    const after = await readAll(log);
    expect(after.map((r) => r.offset)).toEqual(expectedAfterClean(sent, activeBase).map((r) => r.offset));
  });
});

describe('log compaction: restarts and crashes', () => {
  it('a compacted log reopens (CRC of every batch checked, offset gaps accepted) and serves the same records', async () => {
    const dir = fx.newDir();
    const { manager, log } = openCompacted(dir);
    await produceVersions(log, 5, 30);
    await manager.runCleaner();
    const before = await readAll(log);
    fx.closeAll();
    const { log: reopened } = openCompacted(dir);
    expect(await readAll(reopened)).toEqual(before);
  });

  it('damage in a compacted segment is still found on open', async () => {
    const dir = fx.newDir();
    const { manager, log } = openCompacted(dir);
    await produceVersions(log, 5, 30);
    await manager.runCleaner();
    const first = log.closedSegments().find((s) => s.size > 0)!.path;
    fx.closeAll();
    const bytes = readFileSync(first);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(first, bytes);
    expect(() => openCompacted(dir)).toThrow(LogDamagedError);
  });

  it('a partial .cleaned file left by a crash is deleted on open; the old segments are served', async () => {
    const dir = fx.newDir();
    const { log } = openCompacted(dir);
    const sent = await produceVersions(log, 3, 20);
    fx.closeAll();
    writeFileSync(join(dir, 'c-0', `${segmentFileName(0)}.cleaned`), Buffer.alloc(100, 7));
    const { log: reopened } = openCompacted(dir);
    expect(readdirSync(reopened.dir).some((f) => f.endsWith('.cleaned'))).toBe(false);
    expect(await readAll(reopened)).toEqual(sent);
  });

  it('a swap interrupted after some old segments were unlinked is completed on open', async () => {
    // Build the cleaned result in one dir, then stage the crash state in a copy of the uncleaned log.
    const cleanedDir = fx.newDir();
    const a = openCompacted(cleanedDir);
    await produceVersions(a.log, 3, 20);
    const crashedDir = fx.newDir();
    const b = openCompacted(crashedDir);
    const sent = await produceVersions(b.log, 3, 20);
    await a.manager.runCleaner();
    await b.manager.runCleaner();
    // New data: the second pass merges the small cleaned segments (groups go by the bytes they hold now).
    sent.push(...(await produceVersions(b.log, 3, 10)));
    await produceVersions(a.log, 3, 10);
    const segments = b.log.closedSegments().map((s) => s.baseOffset);
    const activeBase = b.log.activeBaseOffset();
    const bBefore = await readAll(b.log);
    await a.manager.runCleaner();
    const survivors = await readAll(a.log);
    const groupEnd = a.log.closedSegments()[1]?.baseOffset ?? activeBase;
    expect(groupEnd).toBeGreaterThan(segments[2]!); // the first group spans 3+ old segments
    fx.closeAll();
    const seg = (d: string, base: number): string => join(d, 'c-0', segmentFileName(base));
    // Crash state: the swap file is complete, the 2nd and 3rd old segments already unlinked.
    writeFileSync(join(crashedDir, 'c-0', swapFileName(0, groupEnd)), readFileSync(seg(cleanedDir, 0)));
    writeFileSync(join(crashedDir, 'c-0', 'cleaner-checkpoint.json'), JSON.stringify({ cleanedTo: 0, gapsBelow: activeBase }));
    for (const base of segments.slice(1, 3)) unlinkSync(seg(crashedDir, base));
    const { log } = openCompacted(crashedDir);
    expect(await readAll(log)).toEqual([...survivors.filter((r) => r.offset < groupEnd), ...bBefore.filter((r) => r.offset >= groupEnd)]);
    expect(readdirSync(log.dir).filter((f) => f.endsWith('.swap'))).toEqual([]);
    expect(log.closedSegments().map((s) => s.baseOffset)).toEqual(segments.filter((s) => s === 0 || s >= groupEnd));
    expect(sent.length).toBe(log.highWatermark());
  });
});
