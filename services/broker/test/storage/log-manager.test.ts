import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@newswire/test-support/wait';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TopicOperationError, isLegalTopicName, openLogManager } from '../../src/storage/log-manager.ts';
import { decodeRecords, makeBatch } from './kafkajs-batches.ts';
import { StorageFixture, appendOk } from './support.ts';

const fx = new StorageFixture();
afterEach(() => fx.cleanup());

function codeOf(fn: () => void): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof TopicOperationError ? err.errorCode : -1;
  }
  return undefined;
}

describe('LogManager', () => {
  it('creates topics as <topic>-<partition> directories and lists them again after a restart', async () => {
    const dir = fx.newDir();
    const m = fx.open(dir);
    m.createTopic('news.arrests', 3);
    m.createTopic('b_topic-2', 1);
    expect(m.topics()).toEqual([
      { name: 'b_topic-2', partitions: 1 },
      { name: 'news.arrests', partitions: 3 },
    ]);
    expect(readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual(['b_topic-2-0', 'news.arrests-0', 'news.arrests-1', 'news.arrests-2']);
    appendOk(m.partition('news.arrests', 2)!, await makeBatch([{ value: 'kept' }]));
    expect(m.partition('news.arrests', 3)).toBeUndefined();
    expect(m.partition('nope', 0)).toBeUndefined();
    m.close();

    const again = fx.open(dir);
    expect(again.topics()).toEqual([
      { name: 'b_topic-2', partitions: 1 },
      { name: 'news.arrests', partitions: 3 },
    ]);
    const records = await decodeRecords(again.partition('news.arrests', 2)!.read(0, 1000));
    expect(records.map((r) => r.value)).toEqual(['kept']);
  });

  it('validates topic names by Kafka rules and refuses duplicates', () => {
    const m = fx.open(fx.newDir());
    for (const bad of ['', '.', '..', 'a/b', 'spaces here', 'ü', 'x'.repeat(250)]) {
      expect(isLegalTopicName(bad)).toBe(false);
      expect(codeOf(() => m.createTopic(bad, 1))).toBe(17);
    }
    expect(isLegalTopicName('x'.repeat(249))).toBe(true);
    m.createTopic('dup', 1);
    expect(codeOf(() => m.createTopic('dup', 2))).toBe(36);
    expect(codeOf(() => m.createTopic('zero', 0))).toBe(37);
    expect(codeOf(() => m.deleteTopic('missing'))).toBe(3);
  });

  it('deleteTopic removes the files; the name can be created again empty', async () => {
    const dir = fx.newDir();
    const m = fx.open(dir);
    m.createTopic('gone', 2);
    appendOk(m.partition('gone', 0)!, await makeBatch([{ value: 'x' }]));
    m.deleteTopic('gone');
    expect(m.hasTopic('gone')).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('gone'))).toEqual([]);
    m.createTopic('gone', 1);
    expect(m.partition('gone', 0)!.highWatermark()).toBe(0);
  });

  it('leaves other files of the data dir alone and finishes an interrupted deletion on open', () => {
    const dir = fx.newDir();
    writeFileSync(join(dir, 'broker-meta.json'), '{}');
    writeFileSync(join(dir, '__consumer_offsets.log'), '');
    mkdirSync(join(dir, 'old-0.0badc0de-delete'));
    mkdirSync(join(dir, 'not a topic dir'));
    const m = fx.open(dir);
    expect(m.topics()).toEqual([]);
    expect(existsSync(join(dir, 'old-0.0badc0de-delete'))).toBe(false);
    expect(existsSync(join(dir, 'broker-meta.json'))).toBe(true);
    expect(existsSync(join(dir, '__consumer_offsets.log'))).toBe(true);
  });

  it('refuses a data dir locked by another live process, and takes over a dead one\'s lock', async () => {
    const dir = fx.newDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, '.lock'), String(holder.pid));
      expect(() => fx.open(dir)).toThrow(/in use by process/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    const m = fx.open(dir); // the holder is dead now
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    m.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('refuses an invalid config', () => {
    expect(() => fx.open(fx.newDir(), { segmentBytes: 10 })).toThrow(/segmentBytes/);
    expect(() => fx.open(fx.newDir(), { flush: 0 })).toThrow(/flush/);
  });

  it('applies retention across all partitions', async () => {
    const m = fx.open(fx.newDir(), { retentionMs: 1000 });
    m.createTopic('r', 2);
    for (const p of [0, 1]) appendOk(m.partition('r', p)!, await makeBatch([{ value: 'old', timestamp: 1 }]));
    m.enforceRetention(Date.now());
    expect([0, 1].map((p) => m.partition('r', p)!.logStartOffset())).toEqual([1, 1]);
  });

  it('flushes in the background on the interval timer while appends and rolls go on', async () => {
    const dir = fx.newDir();
    const m = openLogManager(dir, { flush: 5, segmentBytes: 2048 });
    m.createTopic('bg', 2);
    const written: string[] = [];
    for (let i = 0; i < 120; i++) {
      const value = `bg-${i}-${'y'.repeat(100)}`;
      appendOk(m.partition('bg', i % 2)!, await makeBatch([{ value }]));
      if (i % 2 === 0) written.push(value);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 7)); // let timer ticks and syncs interleave
    }
    m.close();
    const again = fx.open(dir, { segmentBytes: 2048 });
    const log = again.partition('bg', 0)!;
    expect(log.segmentCount()).toBeGreaterThan(1);
    const got: string[] = [];
    let offset = 0;
    while (offset < log.highWatermark()) {
      const records = await decodeRecords(log.read(offset, 1 << 20));
      for (const r of records) if (r.offset >= offset) got.push(r.value);
      offset = records.at(-1)!.offset + 1;
    }
    expect(got).toEqual(written);
  });

  it('runs retention on its own timer', async () => {
    const dir = fx.newDir();
    const m = openLogManager(dir, { retentionMs: 1000, flush: 50 }, { retentionCheckMs: 50 });
    try {
      m.createTopic('timed', 1);
      appendOk(m.partition('timed', 0)!, await makeBatch([{ value: 'old', timestamp: 1 }]));
      await waitFor(() => m.partition('timed', 0)!.logStartOffset() === 1, 'the retention timer to run', { intervalMs: 20 });
      expect(readdirSync(join(dir, 'timed-0'))).toEqual(['00000000000000000001.log']);
    } finally {
      m.close();
    }
  });
});
