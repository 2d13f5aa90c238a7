/**
 * `newswire replay` on a log of v1 and v2 updates, as spawned processes:
 * every update comes out as v2 (the v1 fixture log, written raw with its v1
 * headers, with the upcast meaning); `--format updates` writes plain updates
 * that `publish --file` takes as they are, and publishing them into an empty
 * broker gives identical updates; a wrapped line is refused with what to do;
 * `--into` restores to the per-kind topics (routed by kind) and to another
 * cluster.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@newswire/config';
import { createPublisher } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { parseUpdate, topicForKind, type Update } from '@newswire/schema/v2';
import {
  endOffsets,
  expectedV2,
  needsDevBroker,
  openAdmin,
  readAll,
  ROOT,
  runCli,
  startKafka,
  v1MeaningProblems,
  writeV1Log,
  type TestKafka,
  type WrittenV1Record,
} from '@newswire/test-support';

let a: TestKafka;
let b: TestKafka;
let dir: string;
let written: WrittenV1Record[];
let v2: Update[];

/** The corpus (every kind) as v2 updates: what the producers write now. */
function corpus(): Update[] {
  const d = join(ROOT, 'shared', 'schema', 'corpus');
  return readdirSync(d)
    .filter((f) => f.endsWith('.ndjson'))
    .flatMap((f) => readFileSync(join(d, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Update);
}

const lines = (stdout: string) => stdout.split('\n').filter(Boolean);
/** Updates by id, and the ids of each story in the order they came. */
function byId(updates: Update[]): Map<string, Update> {
  return new Map(updates.map((u) => [u.id, u]));
}
function storyOrder(updates: Update[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const u of updates) (out[u.story] ??= []).push(u.id);
  return out;
}

beforeAll(async () => {
  a = await startKafka({ partitions: 3 });
  b = await startKafka({ partitions: 3 });
  dir = await mkdtemp(join(tmpdir(), 'newswire-replay-v2-'));
  written = await writeV1Log(a.brokers, a.prefix);
  v2 = corpus();
  const publisher = await createPublisher({ brokers: a.brokers, topicPrefix: a.prefix, partitions: 3, logger: createLogger('test', { level: 'warn' }) });
  try {
    await publisher.publishValidated(v2);
  } finally {
    await publisher.close();
  }
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('newswire replay on v1 and v2 records', { timeout: 180_000 }, () => {
  it('writes every update as v2: v1 records with the upcast meaning, at their positions', async () => {
    const r = await runCli(['replay', 'all', '--format', 'positions'], { env: a.env });
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as { position: { topic: string; partition: number; offset: string }; update: Update });
    expect(out).toHaveLength(written.length + v2.length);
    const expected = expectedV2(written);
    for (const w of written) {
      const id = JSON.parse(w.value).id as string;
      const line = out.find((l) => l.update.id === id)!;
      expect(line.update, id).toEqual(expected.get(id));
      expect({ topic: line.position.topic, partition: line.position.partition, offset: line.position.offset }).toEqual(w.at);
    }
    expect(v1MeaningProblems(byId(out.map((l) => l.update)))).toEqual([]);
    for (const u of v2) expect(out.find((l) => l.update.id === u.id)?.update).toEqual(u);
    expect(r.stderr).not.toContain('invalid');
  });

  it('--format updates publishes back into an empty broker as identical updates', async () => {
    const r = await runCli(['replay', 'all', '--format', 'updates'], { env: a.env });
    expect(r.code, r.stderr).toBe(0);
    const replayed = lines(r.stdout).map((l) => JSON.parse(l) as Update);
    expect(replayed).toHaveLength(written.length + v2.length);
    for (const u of replayed) expect(parseUpdate(u).ok, u.id).toBe(true);
    const file = join(dir, 'backup.ndjson');
    await writeFile(file, r.stdout);

    const admin = await openAdmin(b.brokers);
    try {
      expect(Object.values(await endOffsets(admin, b.topics)).every((o) => o === '0')).toBe(true);
    } finally {
      await admin.close();
    }
    const published = await runCli(['publish', '--file', file, '--json'], { env: b.env });
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ published: replayed.length, invalid: 0 });

    const original = (await readAll(a.brokers, a.topics)).map((x) => x.update);
    const restored = await readAll(b.brokers, b.topics);
    expect(restored.every((x) => x.from === 2)).toBe(true);
    expect(byId(restored.map((x) => x.update))).toEqual(byId(original));
    // Each story in the same order (one story is one partition of one topic per kind family).
    for (const topic of a.topics) {
      const family = topic.slice(a.prefix.length);
      const before = (await readAll(a.brokers, [topic])).map((x) => x.update);
      const after = (await readAll(b.brokers, [`${b.prefix}${family}`])).map((x) => x.update);
      expect(storyOrder(after), topic).toEqual(storyOrder(before));
    }
  });

  it('publish --file refuses a replay line that wraps the update, says what to do, and publishes nothing', async () => {
    const r = await runCli(['replay', 'all', '--json'], { env: a.env });
    const file = join(dir, 'wrapped.ndjson');
    await writeFile(file, lines(r.stdout).slice(0, 3).join('\n') + '\n');
    const admin = await openAdmin(b.brokers);
    try {
      const before = await endOffsets(admin, b.topics);
      const p = await runCli(['publish', '--file', file], { env: b.env });
      expect(p.code).toBe(2);
      expect(p.stderr).toContain(`${file}:1: (root): is a \`newswire replay\` line ({"position":...,"update":...}), not an update: replay with \`--format updates\``);
      expect(p.stderr).not.toContain('must be one of');
      expect(await endOffsets(admin, b.topics)).toEqual(before);
    } finally {
      await admin.close();
    }
  });

  it('publish --file takes a file of v1 updates and publishes each as its v2 upcast', async () => {
    const file = join(dir, 'v1.ndjson');
    await writeFile(file, written.map((w) => w.value).join('\n') + '\n');
    const env = { ...b.env, NEWSWIRE_TOPIC_PREFIX: `${b.prefix}-fromv1` };
    const r = await runCli(['publish', '--file', file, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ published: written.length, invalid: 0 });
    const stored = await readAll(b.brokers, newswireTopics(`${b.prefix}-fromv1`));
    expect(stored.every((x) => x.from === 2 && x.headers.ce_type === `org.newswire.${x.update.kind}.v2`)).toBe(true);
    expect(byId(stored.map((x) => x.update))).toEqual(expectedV2(written));
  });

  it('--into-prefix with --into-brokers restores each update to its kind’s topic on another cluster', async () => {
    const target = `${b.prefix}-restored`;
    const r = await runCli(['replay', 'all', '--into-prefix', target, '--into-brokers', b.brokers.join(',')], { env: a.env });
    expect(r.code, r.stderr).toBe(0);
    // On one shared cluster (KAFKA_BROKERS) a and b are the same brokers, and replay names no other cluster.
    const elsewhere = !b.brokers.some((x) => a.brokers.includes(x));
    expect(r.stderr).toContain(elsewhere ? `into the ${target}.* topics on ${b.brokers.join(',')}` : `into the ${target}.* topics in `);
    const copied = await readAll(b.brokers, newswireTopics(target));
    expect(copied).toHaveLength(written.length + v2.length);
    for (const c of copied) {
      expect(c.topic, c.update.id).toBe(topicForKind(c.update.kind, target));
      expect(c.key).toBe(c.update.story);
      expect(c.headers.ce_source).toBe('/newswire/replay');
      expect(c.headers.ce_type).toBe(`org.newswire.${c.update.kind}.v2`);
    }
    expect(byId(copied.map((c) => c.update))).toEqual(byId((await readAll(a.brokers, a.topics)).map((x) => x.update)));
  });

  it.skipIf(needsDevBroker('a second cluster, not a second prefix on one'))('--into routed restores the per-kind topics of the same name on another cluster, and is refused on the same cluster', async () => {
    const c = await startKafka({ partitions: 2 });
    try {
      const r = await runCli(['replay', 'all', '--kind', 'arrests,casualties', '--into', 'routed', '--into-brokers', c.brokers.join(',')], { env: a.env });
      expect(r.code, r.stderr).toBe(0);
      const copied = await readAll(c.brokers, newswireTopics(a.prefix));
      const want = (await readAll(a.brokers, a.topics)).map((x) => x.update).filter((u) => u.kind === 'arrests' || u.kind === 'casualties');
      expect(byId(copied.map((x) => x.update))).toEqual(byId(want));
      for (const x of copied) expect(x.topic).toBe(topicForKind(x.update.kind, a.prefix));
    } finally {
      await c.stop();
    }
    const loop = await runCli(['replay', 'all', '--into', 'routed'], { env: a.env });
    expect(loop.code).toBe(2);
    expect(loop.stderr).toMatch(/both replayed and republished into on the same cluster: that would replay forever/);
  });

  it('refuses output and target flags that cannot go together, with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['replay', 'all', '--format', 'updates', '--pretty'], /--format updates and --pretty exclude each other/],
      [['replay', 'all', '--format', 'csv'], /--format must be positions or updates/],
      [['replay', 'all', '--into-brokers', b.brokers.join(',')], /--into-brokers needs a target/],
      [['replay', 'all', '--into', 'copy', '--format', 'updates'], /--format does not apply to `replay --into`/],
      [['replay', 'all', '--into', 'copy', '--into-prefix', 'x'], /give --into or --into-prefix, not both/],
      [['replay', 'all', '--into-prefix', '.bad', '--into-brokers', b.brokers.join(',')], /--into-prefix/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env: a.env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
