/**
 * `npm run bench -- storage [--messages N] [--partitions 30] [--always-batches 300]`
 *
 * The dev broker's storage alone (no network, no client): append throughput
 * of kafkajs-encoded batches (100 x 1 KB records) with interval flush and
 * with flush `always`, sequential read throughput, offsetForTimestamp
 * latency, index memory versus data size, and reopen time after a clean
 * stop and after a crash. Two costs decide where stored batches are
 * CRC-checked (docs/broker-storage.md, "Recovery"): reopen with a CRC-32C
 * pass over every batch versus headers only, and sequential reads with the
 * served-batch check versus the raw file bytes.
 *
 * Compaction (`--compact-keys 100 --compact-versions 10000
 * --compact-segment-bytes 67108864`, or alone with `--compaction-only`): a compacted topic holding every version of a few
 * keys (batches of 100 records, one version of each of 100 keys, as the
 * gateway writes story snapshots), one log-cleaner pass: its time, bytes and
 * records before and after, and a read of the whole partition from offset 0
 * before and after (what a restarted reader of the topic pays).
 */
import { parseArgs } from 'node:util';
import { closeSync, openSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeBatch, tempDir } from '../services/broker/test/storage/kafkajs-batches.ts';
import { openLogManager, type FileLogManager } from '../services/broker/src/storage/log-manager.ts';
import { crc32c } from '../services/broker/src/storage/crc32c.ts';
import { printTable, saveResult, percentile, type Row } from './lib.ts';

const RECORDS_PER_BATCH = 100;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: false,
    options: {
      messages: { type: 'string', default: '1000000' },
      partitions: { type: 'string', default: '30' },
      'always-batches': { type: 'string', default: '300' },
      'compact-keys': { type: 'string', default: '100' },
      'compact-versions': { type: 'string', default: '10000' },
      'compact-value-bytes': { type: 'string', default: '200' },
      'compact-segment-bytes': { type: 'string', default: String(64 * 1024 * 1024) },
      'compaction-only': { type: 'boolean', default: false },
    },
  });
  const compaction = { keys: Number(values['compact-keys']), versions: Number(values['compact-versions']), valueBytes: Number(values['compact-value-bytes']), segmentBytes: Number(values['compact-segment-bytes']) };
  if (values['compaction-only']) {
    await runCompaction(compaction);
    return;
  }
  const messages = Number(values.messages);
  const partitions = Number(values.partitions);
  const alwaysBatches = Number(values['always-batches']);
  const batches = Math.ceil(messages / RECORDS_PER_BATCH);
  const value = Buffer.alloc(1024, 'a');
  const template = await makeBatch(Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ key: `key-${i}`, value, timestamp: 1_700_000_000_000 + i })));
  const rows: Row[] = [];
  const tmp = tempDir('bench-storage-');
  try {
    // Appends: each batch is copied first because append patches its buffer in place.
    const m = openLogManager(tmp.dir, { flush: 1000 });
    m.createTopic('bench', partitions);
    let t0 = performance.now();
    for (let i = 0; i < batches; i++) appendOk(m, i % partitions, Buffer.from(template));
    let ms = performance.now() - t0;
    rows.push(rate('append, flush 1000 ms', batches * RECORDS_PER_BATCH, batches * template.length, ms));

    const ma = openLogManager(`${tmp.dir}/always`, { flush: 'always' });
    ma.createTopic('bench', 1);
    const lat: number[] = [];
    for (let i = 0; i < alwaysBatches; i++) {
      const s = performance.now();
      appendOk(ma, 0, Buffer.from(template));
      lat.push(performance.now() - s);
    }
    rows.push(rate('append, flush always', alwaysBatches * RECORDS_PER_BATCH, alwaysBatches * template.length, lat.reduce((a, b) => a + b, 0), lat));
    ma.close();

    m.flush();
    t0 = performance.now();
    let bytes = 0;
    let records = 0;
    for (let p = 0; p < partitions; p++) {
      const log = m.partition('bench', p)!;
      let offset = 0;
      while (offset < log.highWatermark()) {
        const buf = log.read(offset, 1 << 20);
        bytes += buf.length;
        const n = Math.round(buf.length / template.length) * RECORDS_PER_BATCH;
        records += n;
        offset += n;
      }
    }
    ms = performance.now() - t0;
    rows.push(rate('sequential read, 1 MiB fetches (CRC-32C checked)', records, bytes, ms));
    t0 = performance.now();
    const rawBytes = readRaw(tmp.dir, 'bench', partitions, false);
    rows.push(rate('sequential read, raw file bytes (no checks)', records, rawBytes, performance.now() - t0));
    t0 = performance.now();
    readRaw(tmp.dir, 'bench', partitions, true);
    rows.push(rate('sequential read, raw file bytes + CRC-32C over them', records, rawBytes, performance.now() - t0));

    const log0 = m.partition('bench', 0)!;
    const lookups: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const s = performance.now();
      log0.offsetForTimestamp(1_700_000_000_000 + (i % RECORDS_PER_BATCH));
      lookups.push(performance.now() - s);
    }
    rows.push(rate('offsetForTimestamp (exact, decodes one batch)', 1000, 0, lookups.reduce((a, b) => a + b, 0), lookups));

    const stored = partitionsSize(m, partitions);
    const indexBytes = m.indexMemoryBytes();
    const mem = process.memoryUsage();
    m.close();

    // Each reopen starts from a clean stop (close() writes the marker), except the crash one.
    const reopen = (verifyAll: boolean): number => {
      const t = performance.now();
      const opened = openLogManager(tmp.dir, { flush: 1000 }, { verifyAll });
      const took = performance.now() - t;
      opened.close();
      return took;
    };
    reopen(false); // warm the page cache: both measured opens read every byte from memory
    const headersMs = reopen(false);
    const fullMs = reopen(true);
    openLogManager(tmp.dir, { flush: 1000 }); // abandoned without close(): the next open is a crash recovery
    t0 = performance.now();
    const crashed = openLogManager(tmp.dir, { flush: 1000 });
    const crashMs = performance.now() - t0;
    crashed.close();
    rows.push(rate('reopen after clean stop, CRC-32C of every batch (default)', records, stored, fullMs));
    rows.push(rate('reopen after clean stop, headers only (verifyAll: false)', records, stored, headersMs));
    rows.push(rate('reopen after crash, CRC-32C of every batch', records, stored, crashMs));

    printTable(`storage: ${records.toLocaleString('en-US')} records of 1 KB in ${partitions} partitions`, rows);
    const memory = {
      storedMB: stored / 1e6,
      indexKiB: indexBytes / 1024,
      rssMB: mem.rss / 1e6,
      heapUsedMB: mem.heapUsed / 1e6,
    };
    printTable('storage memory', [memory]);
    console.log(`saved ${saveResult('storage', { messages: records, partitions, rows, memory })}`);
  } finally {
    tmp.cleanup();
  }
  await runCompaction(compaction);
}

/** The compaction case (see the module comment). The active segment (up to segmentBytes, 64 MiB by default) is left as it is. */
async function runCompaction(opts: { keys: number; versions: number; valueBytes: number; segmentBytes: number }): Promise<void> {
  const tmp = tempDir('bench-compaction-');
  try {
    const m = openLogManager(tmp.dir, { flush: 1000, segmentBytes: opts.segmentBytes }, { cleaner: { intervalMs: 3_600_000 } });
    m.createTopic('compacted', 1, { cleanupPolicy: { compact: true, delete: false } });
    const log = m.partition('compacted', 0)!;
    const perBatch = Math.min(100, opts.keys);
    const pad = 'x'.repeat(opts.valueBytes);
    let t0 = performance.now();
    let records = 0;
    for (let v = 0; v < opts.versions; v++) {
      for (let k0 = 0; k0 < opts.keys; k0 += perBatch) {
        const batch = await makeBatch(Array.from({ length: Math.min(perBatch, opts.keys - k0) }, (_, i) => ({ key: `story-${k0 + i}`, value: `v${v}:${pad}` })));
        const r = log.append(batch);
        if (!r.ok) throw new Error(`append failed: ${r.message}`);
        records += Math.min(perBatch, opts.keys - k0);
      }
    }
    const produceMs = performance.now() - t0;
    m.flush();
    const readAll = (): { records: number; bytes: number; ms: number } => {
      const t = performance.now();
      let offset = log.logStartOffset();
      let bytes = 0;
      let n = 0;
      while (offset < log.highWatermark()) {
        const buf = log.read(offset, 1 << 20);
        bytes += buf.length;
        // Walk the batch headers: records in them, and the next offset after the last batch.
        for (let at = 0; at < buf.length; ) {
          const size = 12 + buf.readInt32BE(at + 8);
          const base = Number(buf.readBigInt64BE(at));
          n += buf.readInt32BE(at + 57);
          offset = base + buf.readInt32BE(at + 23) + 1;
          at += size;
        }
      }
      return { records: n, bytes, ms: performance.now() - t };
    };
    const before = readAll();
    const bytesBefore = log.sizeBytes();
    const segmentsBefore = log.segmentCount();
    t0 = performance.now();
    const [report] = await m.runCleaner();
    const cleanMs = performance.now() - t0;
    const after = readAll();
    const rows: Row[] = [
      { case: 'produce (append)', records, bytes: bytesBefore, segments: segmentsBefore, ms: produceMs },
      { case: 'read all from offset 0, before', records: before.records, bytes: before.bytes, segments: segmentsBefore, ms: before.ms },
      { case: 'log-cleaner pass', records: report ? report.recordsRemoved : 0, bytes: report ? report.bytesBefore - report.bytesAfter : 0, segments: report ? report.segmentsBefore : 0, ms: cleanMs },
      { case: 'read all from offset 0, after', records: after.records, bytes: after.bytes, segments: log.segmentCount(), ms: after.ms },
    ];
    printTable(`compaction: ${opts.keys} keys x ${opts.versions.toLocaleString('en-US')} versions, ${opts.valueBytes} B values (records/bytes removed on the cleaner row)`, rows);
    const summary = { ...opts, bytesBefore, bytesAfter: log.sizeBytes(), cleanMs, cleanedTo: report?.to ?? -1, segmentBytes: opts.segmentBytes, rssMB: process.memoryUsage().rss / 1e6 };
    printTable('compaction summary', [summary]);
    m.close();
    console.log(`saved ${saveResult('storage-compaction', { rows, summary })}`);
  } finally {
    tmp.cleanup();
  }
}

function appendOk(m: FileLogManager, partition: number, batch: Buffer): void {
  const r = m.partition('bench', partition)!.append(batch);
  if (!r.ok) throw new Error(`append failed: ${r.errorCode} ${r.message}`);
}

/** One table row; every row has the same columns (printTable takes them from the first). */
function rate(operation: string, records: number, bytes: number, ms: number, latencies: number[] = []): Row {
  return {
    operation,
    records,
    'records/s': Math.round((records / ms) * 1000),
    'MB/s': bytes ? bytes / ms / 1000 : '',
    'total ms': ms,
    'p50 ms': latencies.length ? percentile(latencies, 50) : '',
    'p99 ms': latencies.length ? percentile(latencies, 99) : '',
  };
}

/** Read every segment file of the topic in 1 MiB chunks, checking nothing (the floor under a read), or with a CRC-32C over each chunk. */
function readRaw(dataDir: string, topic: string, partitions: number, crc: boolean): number {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let total = 0;
  for (let p = 0; p < partitions; p++) {
    const dir = join(dataDir, `${topic}-${p}`);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
      const fd = openSync(join(dir, name), 'r');
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
        if (crc) crc32c(buf, 0, n);
        total += n;
      }
      closeSync(fd);
    }
  }
  return total;
}

function partitionsSize(m: FileLogManager, partitions: number): number {
  let total = 0;
  for (let p = 0; p < partitions; p++) total += m.partition('bench', p)!.sizeBytes();
  return total;
}
