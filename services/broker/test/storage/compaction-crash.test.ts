/**
 * kill -9 during log compaction: a child process appends to a compacted
 * topic and cleans it in a loop (compaction-crash-child.ts); the test kills
 * it at varying moments, then opens the directory in strict recovery (the
 * CRC-32C of every batch checked, damage refuses the open). Whatever moment
 * the kill hit (writing the cleaned file, between the renames of a swap),
 * the open must succeed with no cleaner files left, and the log must hold,
 * for every key, its latest acknowledged record (or a later one), every
 * record with the offset and value it was acknowledged with, in offset order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeRecords, tempDir } from './kafkajs-batches.ts';
import { openLogManager } from '../../src/storage/log-manager.ts';
import type { FilePartitionLog } from '../../src/storage/partition-log.ts';

const CHILD = resolve(import.meta.dirname, 'compaction-crash-child.ts');
const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((d) => d()));

interface Acked {
  offset: number;
  key: string;
  value: string;
}

/** Run the child until it has done `passes` cleaner passes plus `extraMs`, then SIGKILL it. */
async function runAndKill(dir: string, firstSeq: number, passes: number, extraMs: number): Promise<Acked[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(firstSeq)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: Acked[] = [];
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => errors.push(l));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  let cleaned = 0;
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`child did not clean ${passes} times:\n${errors.join('\n')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [kind, a, b, c] = line.split(' ');
      if (kind === 'a') acked.push({ offset: Number(a), key: b!, value: c! });
      if (kind === 'c' && ++cleaned === passes) {
        clearTimeout(timer);
        setTimeout(res, extraMs);
      }
    });
    child.once('exit', (code) => code !== null && rej(new Error(`child exited ${code}:\n${errors.join('\n')}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return acked;
}

/** Every stored record from offset 0, reading as a consumer does (one segment per read). */
async function readAll(log: FilePartitionLog): Promise<{ offset: number; key: string | null; value: string }[]> {
  const out: { offset: number; key: string | null; value: string }[] = [];
  let offset = log.logStartOffset();
  while (offset < log.highWatermark()) {
    const raw = await decodeRecords(log.read(offset, 1 << 20));
    if (raw.length === 0) throw new Error(`nothing served at ${offset} below the high watermark`);
    const recs = raw.filter((r) => r.offset >= offset);
    out.push(...recs);
    // A batch whose records from `offset` on were compacted away: step past them.
    offset = recs.length > 0 ? recs.at(-1)!.offset + 1 : offset + 1;
  }
  return out;
}

describe('kill -9 during log compaction', () => {
  it('leaves the old or the new segments, never a damaged log, and no key loses its latest record', async () => {
    const { dir, cleanup } = tempDir('compaction-crash-');
    dirs.push(cleanup);
    const acked: Acked[] = [];
    // Kill points spread over a pass (a pass here takes a few to tens of ms with fsyncs).
    const delays = [0, 3, 7, 12, 20, 31, 45, 70];
    for (const [round, extraMs] of delays.entries()) {
      acked.push(...(await runAndKill(dir, round * 1_000_000, 2, extraMs)));

      const manager = openLogManager(dir, { segmentBytes: 1024, flush: 'always' }, { recovery: 'strict' });
      try {
        const log = manager.partition('c', 0)!;
        expect(readdirSync(join(dir, 'c-0')).filter((f) => /\.(cleaned|swap)$/.test(f))).toEqual([]);
        const stored = await readAll(log);
        // Offsets only go up; each stored record is what was appended at that offset.
        const offsets = stored.map((r) => r.offset);
        expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
        expect(new Set(offsets).size).toBe(offsets.length);
        const byOffset = new Map(acked.map((a) => [a.offset, a]));
        for (const r of stored) {
          const a = byOffset.get(r.offset);
          if (a) expect({ key: r.key, value: r.value.split(':')[0] }).toEqual({ key: a.key, value: a.value });
        }
        // Every key's latest acknowledged record is there (or a later one of that key, written but not yet reported).
        const latestAcked = new Map<string, Acked>();
        for (const a of acked) latestAcked.set(a.key, a);
        for (const [key, a] of latestAcked) {
          const latestStored = stored.filter((r) => r.key === key).at(-1);
          expect(latestStored, `key ${key}`).toBeDefined();
          expect(latestStored!.offset, `key ${key}`).toBeGreaterThanOrEqual(a.offset);
        }
      } finally {
        manager.close();
      }
    }
  }, 300_000);
});
