/**
 * `newswire replay` as a spawned process: from earliest, from a time, from
 * offsets, up to a time, filters, --into and --pace, each compared with the
 * positions the publisher returned when the updates were written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublisher, type Position, type Publisher } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { type Update } from '@newswire/schema/v2';
import { makeUpdates, needsOwnCluster, openAdmin, readAll, runCli, startKafka, waitFor, type TestAdmin, type TestKafka } from '@newswire/test-support';

interface Line {
  position: { topic: string; partition: number; offset: string; timestamp: string };
  update: Update;
  replayedAt?: string;
}

let kafka: TestKafka;
let admin: TestAdmin;
let publisher: Publisher;
let env: Record<string, string>;
let batchA: { update: Update; pos: Position }[];
let batchB: { update: Update; pos: Position }[];
let between: string; // an instant after every A update's timestamp and before every B update's

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function publish(updates: Update[], topic?: string) {
  const positions = await publisher.publishValidated(updates, topic ? { topic } : {});
  return updates.map((update, i) => ({ update, pos: positions[i]! }));
}

function parseLines(stdout: string): Line[] {
  return stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
}

/** The expected records, grouped per partition in offset order. */
function perPartition(records: { topic: string; partition: number; offset: string; id: string }[]): Record<string, string[]> {
  const out: Record<string, { offset: bigint; id: string }[]> = {};
  for (const r of records) (out[`${r.topic}:${r.partition}`] ??= []).push({ offset: BigInt(r.offset), id: `${r.offset}/${r.id}` });
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.sort((a, b) => (a.offset < b.offset ? -1 : 1)).map((x) => x.id)]));
}

const fromLines = (lines: Line[]) =>
  perPartition(lines.map((l) => ({ topic: l.position.topic, partition: l.position.partition, offset: l.position.offset, id: l.update.id })));
const fromBatch = (batch: { update: Update; pos: Position }[]) =>
  perPartition(batch.map((b) => ({ topic: b.pos.topic, partition: b.pos.partition, offset: b.pos.offset, id: b.update.id })));

/** Output order within each partition must be offset order (not just the same set). */
function expectPartitionOrder(lines: Line[]): void {
  const last = new Map<string, bigint>();
  for (const l of lines) {
    const k = `${l.position.topic}:${l.position.partition}`;
    const o = BigInt(l.position.offset);
    const prev = last.get(k);
    if (prev !== undefined) expect(o > prev, `${k}: offset ${o} after ${prev}`).toBe(true);
    last.set(k, o);
  }
}

beforeAll(async () => {
  kafka = await startKafka();
  env = kafka.env;
  admin = await openAdmin(kafka.brokers);
  publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, logger: createLogger('test', { level: 'warn' }) });
  batchA = await publish(makeUpdates(60, { stories: 6, prefix: 'a' }));
  // Kafka timestamps are the producer's clock at send time, in ms.
  await sleep(50);
  between = new Date().toISOString();
  await sleep(50);
  batchB = await publish(makeUpdates(45, { stories: 6, prefix: 'b' }));
});

afterAll(async () => {
  await publisher?.close();
  await admin?.close();
  await kafka?.stop();
});

describe('newswire replay', { timeout: 120_000 }, () => {
  it('from earliest returns every update, each partition in offset order, with its position', async () => {
    const r = await runCli(['replay', 'all', '--from', 'earliest', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines).toHaveLength(batchA.length + batchB.length);
    expectPartitionOrder(lines);
    expect(fromLines(lines)).toEqual(fromBatch([...batchA, ...batchB]));
    const byId = new Map([...batchA, ...batchB].map((b) => [b.update.id, b.update]));
    for (const l of lines) expect(l.update).toEqual(byId.get(l.update.id));
    expect(r.stderr).toContain(`replayed ${lines.length} update(s)`);
  });

  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('joins no consumer group and leaves none behind', async () => {
    const groupsBefore = await admin.listGroups();
    const r = await runCli(['replay', 'all', '--from', 'earliest', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(parseLines(r.stdout)).toHaveLength(batchA.length + batchB.length);
    expect(await admin.listGroups()).toEqual(groupsBefore);
  });

  it('from a time returns exactly the updates at or after it, per partition', async () => {
    const r = await runCli(['replay', ...kafka.topics, '--from', between], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = parseLines(r.stdout);
    expectPartitionOrder(lines);
    expect(fromLines(lines)).toEqual(fromBatch(batchB));
  });

  it('--to stops after the last update at or before it', async () => {
    const r = await runCli(['replay', 'all', '--to', between], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(fromLines(parseLines(r.stdout))).toEqual(fromBatch(batchA));
  });

  it('from offsets replays exactly the named partitions from those offsets', async () => {
    const arrests = [...batchA, ...batchB].filter((b) => b.pos.topic === `${kafka.prefix}.arrests`);
    const partitions = [...new Set(arrests.map((b) => b.pos.partition))].sort();
    expect(partitions.length).toBeGreaterThan(0);
    // From the middle of the first partition used, and the very start of a second one if any.
    const p0 = partitions[0]!;
    const p0Offsets = arrests.filter((b) => b.pos.partition === p0).map((b) => BigInt(b.pos.offset)).sort((a, b) => (a < b ? -1 : 1));
    const mid = p0Offsets[Math.floor(p0Offsets.length / 2)]!;
    const spec = [`${kafka.prefix}.arrests:${p0}:${mid}`];
    if (partitions[1] !== undefined) spec.push(`${kafka.prefix}.arrests:${partitions[1]}:0`);
    const r = await runCli(['replay', 'arrests', '--from', spec.join(',')], { env });
    expect(r.code, r.stderr).toBe(0);
    const expected = arrests.filter(
      (b) => (b.pos.partition === p0 && BigInt(b.pos.offset) >= mid) || (partitions[1] !== undefined && b.pos.partition === partitions[1]),
    );
    const lines = parseLines(r.stdout);
    expectPartitionOrder(lines);
    expect(fromLines(lines)).toEqual(fromBatch(expected));
  });

  it('filters by kind and story', async () => {
    const story = batchB[0]!.update.story;
    const r = await runCli(['replay', 'all', '--kind', 'arrests,casualties', '--story', story], { env });
    expect(r.code, r.stderr).toBe(0);
    const expected = [...batchA, ...batchB].filter((b) => ['arrests', 'casualties'].includes(b.update.kind) && b.update.story === story);
    expect(expected.length).toBeGreaterThan(0);
    expect(fromLines(parseLines(r.stdout))).toEqual(fromBatch(expected));
  });

  it('refuses bad arguments with exit 2', async () => {
    for (const args of [
      ['replay'],
      ['replay', 'all', '--from', 'yesterday'],
      ['replay', 'all', '--pace', 'fast'],
      ['replay', 'all', '--kind', 'weather'],
      ['replay', 'no.such.topic'],
      ['replay', 'arrests', '--from', `${kafka.prefix}.arrests:0:999999`],
    ]) {
      const r = await runCli(args, { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  }, 180_000);

  it('--into republishes to another topic with the same keys and updates', async () => {
    const r = await runCli(['replay', 'arrests', 'casualties', '--into', `${kafka.prefix}.drill-copy`], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const source = [...batchA, ...batchB].filter((b) => [`${kafka.prefix}.arrests`, `${kafka.prefix}.casualties`].includes(b.pos.topic));
    const copied = await readAll(kafka.brokers, [`${kafka.prefix}.drill-copy`]);
    expect(copied.map((c) => c.update.id).sort()).toEqual(source.map((s) => s.update.id).sort());
    for (const c of copied) {
      expect(c.update).toEqual(source.find((s) => s.update.id === c.update.id)!.update);
      expect(c.headers.ce_id).toBe(c.update.id);
    }
    // Same key (story), so one story stays on one partition of the copy.
    const storyPartitions = new Map<string, Set<number>>();
    for (const c of copied) storyPartitions.set(c.update.story, (storyPartitions.get(c.update.story) ?? new Set()).add(c.partition));
    for (const s of storyPartitions.values()) expect(s.size).toBe(1);
  });

  it('--pace re-emits at the original spacing scaled, in timestamp order', async () => {
    // Four updates ~300 ms apart on a topic of their own.
    const updates = makeUpdates(4, { stories: 2, prefix: 'pace' });
    for (const u of updates) {
      await publish([u], `${kafka.prefix}.pace-test`);
      await sleep(300);
    }
    const r = await runCli(['replay', `${kafka.prefix}.pace-test`, '--pace', '2x'], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => l.update.id)).toEqual(updates.map((u) => u.id));
    for (let i = 1; i < lines.length; i++) {
      const original = Date.parse(lines[i]!.position.timestamp) - Date.parse(lines[i - 1]!.position.timestamp);
      const replayed = Date.parse(lines[i]!.replayedAt!) - Date.parse(lines[i - 1]!.replayedAt!);
      expect(original).toBeGreaterThanOrEqual(250);
      // Never earlier than the scaled original spacing (a loaded machine may only make it later).
      expect(replayed).toBeGreaterThanOrEqual(Math.floor(original / 2) - 2);
    }
    const unpaced = parseLines((await runCli(['replay', `${kafka.prefix}.pace-test`], { env })).stdout);
    expect(unpaced.map((l) => l.update.id)).toEqual(updates.map((u) => u.id));
    expect(unpaced[0]!.replayedAt).toBeUndefined();
  });

  it('--follow emits live updates after the history and exits 130 on Ctrl-C', async () => {
    const since = new Date().toISOString();
    const follow = runCli(['replay', 'arrests', '--from', since, '--follow'], { env, timeoutMs: 0 });
    try {
      const live = makeUpdates(3, { kinds: ['arrests'], prefix: 'live' });
      await publish(live);
      await waitFor(() => follow.lines().length >= 3, '3 live lines', { timeoutMs: 45_000, intervalMs: 100 });
      const lines = parseLines(follow.lines().join('\n'));
      expect(lines.map((l) => l.update.id).sort()).toEqual(live.map((u) => u.id).sort());
      expectPartitionOrder(lines);
    } finally {
      follow.kill('SIGINT');
    }
    expect((await follow).code).toBe(130);
  }, 120_000);
});
