/**
 * Story state through real gateways, a real broker (startKafka) and real
 * WebSocket clients: snapshot then live with no gap and no duplicate while a
 * publisher publishes; two gateways writing byte-identical snapshots for the
 * same positions; a gateway killed with SIGKILL mid-stream restarts from its
 * snapshots (reading less than the topics hold) into the very state a gateway
 * building from the whole log reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { openKafka, type KafkaPort } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { canonicalJson, decodeStateRecord } from '@newswire/story-state';
import { connect, type StorySnapshot } from '@newswire/client/node';
import type { RunningGateway } from '../src/index.ts';
import { TestClient, gatewayTestbed, metricValue, publishInBackground, quietLogger, sleep, spawnGateway as spawnGatewayOn, type Frame } from './support.ts';

const bed = gatewayTestbed();
/** Reads the topics back (offsets, records) to check what the gateways wrote. */
let port: KafkaPort;

beforeAll(async () => {
  port = await openKafka({ brokers: bed.kafka.brokers, logger: quietLogger() });
});

afterAll(async () => {
  await port?.close();
});

/** A gateway with quick snapshots and every recent update kept; `state` overrides. */
async function gateway(state: Record<string, unknown> = {}): Promise<RunningGateway> {
  return (await bed.gateway({ state: { snapshotMs: 200, maxRecent: 5000, ...state } })).gw;
}

/** Updates of one story, published with their positions. */
function storyUpdates(story: string, n: number) {
  return makeUpdates(n, { prefix: story, patch: () => ({ story }) });
}

/** The end offset of every partition of the update topics. */
async function ends(): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const t of newswireTopics(bed.kafka.prefix)) for (const p of await port.topicOffsets(t)) m.set(`${t}:${p.partition}`, String(p.high));
  return m;
}

async function totalRecords(): Promise<number> {
  let n = 0;
  for (const t of newswireTopics(bed.kafka.prefix)) for (const p of await port.topicOffsets(t)) n += Number(p.high - p.low);
  return n;
}

/** Subscribes with a snapshot and returns the frames of that subscription once the snapshot is in. */
async function snapshotOf(url: string, story: string, id: string, recent = 5000): Promise<{ c: TestClient; snap: Extract<Frame, { op: 'snapshot' }> }> {
  const c = await TestClient.connect(url);
  await c.hello();
  c.send({ op: 'subscribe', id, snapshot: { story, recent } });
  const snap = await c.waitForOp('snapshot');
  return { c, snap };
}

/** Waits until a snapshot of `story` from `url` is at the topics' ends, and returns it. */
async function caughtUpSnapshot(url: string, story: string): Promise<Extract<Frame, { op: 'snapshot' }>> {
  const want = await ends();
  for (let i = 0; ; i++) {
    const { c, snap } = await snapshotOf(url, story, `probe-${i}`);
    c.close();
    if (snap.positions.every((p) => want.get(`${p.topic}:${p.partition}`) === p.offset)) return snap;
    if (i > 300) throw new Error(`gateway never caught up: ${JSON.stringify(snap.positions)}`);
    await sleep(100);
  }
}

describe('snapshot, then live', () => {
  it('gives the state and recent updates at exact positions, then every later update once, while a publisher publishes', async () => {
    const gw = await gateway();
    const url = `ws://127.0.0.1:${gw.port}/`;
    const story = 'state-live';
    const updates = storyUpdates(story, 400);
    await bed.pub.publish(updates.slice(0, 150));
    const bg = publishInBackground(bed.pub, updates.slice(150), 10, 10);
    await sleep(50); // mid-stream
    const { c, snap } = await snapshotOf(url, story, 'dash');
    await bg.done;
    // Every position, to tell which updates the snapshot reflects.
    const all = await readPositions(updates.map((u) => u.id));
    const at = new Map(snap.positions.map((p) => [`${p.topic}:${p.partition}`, BigInt(p.offset)]));
    const reflected = updates.filter((u) => all.get(u.id)!.offset < at.get(all.get(u.id)!.key)!).map((u) => u.id);
    const later = updates.filter((u) => !reflected.includes(u.id)).map((u) => u.id);
    expect(reflected.length).toBeGreaterThanOrEqual(150);
    expect(later.length).toBeGreaterThan(0); // the snapshot was taken mid-stream
    await c.waitFor(() => c.of('update').length >= later.length, `${later.length} live updates`);
    await sleep(300);
    const live = c.of('update').map((f) => f.update.id);
    expect(new Set(live).size).toBe(live.length); // no duplicate
    expect([...live].sort()).toEqual([...later].sort()); // no gap: exactly the updates past the snapshot
    expect(snap.state!.records).toBe(reflected.length);
    expect(snap.recent.map((r) => r.update.id).sort()).toEqual([...reflected].sort());
    expect(snap.history).toEqual({ complete: true, building: false });
    // Frame order: subscribed, then snapshot, then updates.
    expect(c.frames.findIndex((f) => f.op === 'snapshot')).toBeLessThan(c.frames.findIndex((f) => f.op === 'update'));
    c.close();
  });

  it('refuses a snapshot with topics, from or another story in the filter, and says why', async () => {
    const gw = bed.gateways[0]!;
    const c = await TestClient.connect(`ws://127.0.0.1:${gw.port}/`);
    await c.hello();
    c.send({ op: 'subscribe', id: 'a', snapshot: { story: 's' }, from: 'earliest' });
    c.send({ op: 'subscribe', id: 'b', snapshot: { story: 's' }, filter: { stories: ['t'] } });
    c.send({ op: 'subscribe', id: 'c', snapshot: { story: 'not a story id!' } });
    await c.waitFor(() => c.of('error').length === 3, 'three errors');
    expect(c.of('error').map((e) => [e.ref, e.code])).toEqual([['a', 'bad_message'], ['b', 'bad_message'], ['c', 'bad_message']]);
    c.close();
  });
});

/** Positions of published ids, read back from the topics (the publisher's answers are per batch). */
async function readPositions(ids: readonly string[]): Promise<Map<string, { key: string; offset: bigint }>> {
  const want = new Set(ids);
  const out = new Map<string, { key: string; offset: bigint }>();
  for (const t of newswireTopics(bed.kafka.prefix))
    for (const p of await port.topicOffsets(t)) {
      if (p.high <= p.low) continue;
      await port.readRange([{ topic: t, partition: p.partition, from: p.low, to: p.high }], (b) => {
        for (const r of b.records) {
          const id = (JSON.parse(r.value!.toString()) as { id: string }).id;
          if (want.has(id)) out.set(id, { key: `${t}:${p.partition}`, offset: r.offset });
        }
      });
    }
  return out;
}

describe('the SDK', () => {
  it('client.subscribe({ snapshot }) gives the snapshot first, then every later update of the story once', async () => {
    const gw = bed.gateways[0]!;
    const story = 'state-sdk';
    const updates = storyUpdates(story, 120);
    await bed.pub.publish(updates.slice(0, 40));
    await caughtUpSnapshot(`ws://127.0.0.1:${gw.port}/`, story);
    const client = connect({ url: `ws://127.0.0.1:${gw.port}/` });
    const sub = client.subscribe({ snapshot: { story, recent: 1000 } });
    const order: string[] = [];
    let snap: StorySnapshot | undefined;
    sub.on('snapshot', (s) => { snap = s; order.push('snapshot'); });
    const ids: string[] = [];
    sub.on('update', (d) => { ids.push(d.update.id); order.push('update'); });
    expect((await sub.snapshot)!.recent.map((d) => d.update.id).sort()).toEqual(updates.slice(0, 40).map((u) => u.id).sort());
    await publishInBackground(bed.pub, updates.slice(40), 10, 5).done;
    await waitFor(() => ids.length >= 80, () => `80 updates after the snapshot (got ${ids.length})`);
    expect(snap!.state!.records).toBe(40);
    expect([...ids].sort()).toEqual(updates.slice(40).map((u) => u.id).sort());
    expect(order[0]).toBe('snapshot');
    await client.close();
  });
});

/** The raw bytes of the snapshot frame a fresh connection gets for `story`. */
async function rawSnapshot(url: string, story: string, request: Record<string, unknown> = {}): Promise<{ bytes: Buffer; snap: Extract<Frame, { op: 'snapshot' }> }> {
  const c = await TestClient.connect(url);
  const raw: Buffer[] = [];
  c.ws.on('message', (d: Buffer) => raw.push(d));
  c.send({ op: 'subscribe', id: 'raw', snapshot: { story, ...request } });
  const snap = await c.waitForOp('snapshot');
  c.close();
  return { bytes: raw.find((b) => b.subarray(0, 20).toString().startsWith('{"op":"snapshot"'))!, snap };
}

describe('the snapshot frame', () => {
  /** A story of many government changes: a longer timeline than the board keeps. */
  const govUpdates = (story: string, n: number) => makeUpdates(n, { prefix: `${story}-gov`, kinds: ['government-change'], patch: () => ({ story }) });

  it('is the board by default (newest entries with counts, no series), the whole view when asked, and no recent update when none is asked', async () => {
    const gw = await gateway();
    const url = `ws://127.0.0.1:${gw.port}/`;
    const story = 'frame-board';
    await bed.pub.publish([...govUpdates(story, 45), ...storyUpdates(story, 20)]);
    await caughtUpSnapshot(url, story);
    const board = (await rawSnapshot(url, story, { recent: 0 })).snap;
    const full = (await rawSnapshot(url, story, { view: 'full', recent: 3 })).snap;
    const b = board.state as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const f = full.state as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(board.recent).toEqual([]);
    expect(full.recent).toHaveLength(3);
    expect(b.figures.series).toBeUndefined();
    expect(Array.isArray(f.figures.series)).toBe(true);
    expect(f.government.length).toBeGreaterThanOrEqual(45);
    expect(b.limit).toBe(30);
    expect(b.government).toEqual(f.government.slice(-30));
    expect(b.counts.government).toBe(f.government.length);
    expect(b.records).toBe(f.records);
    expect(b.figures.tolls).toEqual(f.figures.tolls);
    expect(b.figures.incidents.map((x: { metric: string; sum: unknown }) => [x.metric, x.sum])).toEqual(f.figures.incidents.map((x: { metric: string; sum: unknown }) => [x.metric, x.sum]));
  });

  it('is derived once per change of the story, not per request', async () => {
    const gw = await gateway();
    const url = `ws://127.0.0.1:${gw.port}/`;
    const story = 'frame-cache';
    await bed.pub.publish(storyUpdates(story, 30));
    await caughtUpSnapshot(url, story);
    const counts = gw.state!.cache.counts;
    const first = await rawSnapshot(url, story, { recent: 10 });
    const derived = counts.derived;
    const again = await rawSnapshot(url, story, { recent: 10 });
    expect(counts.derived).toBe(derived);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    // An update of the story: the next request derives the story again, once.
    await bed.pub.publish(storyUpdates(story, 1).map((u) => ({ ...u, id: `${u.id}-more` })));
    await waitFor(() => gw.state!.store.get(story)!.records === (first.snap.state!.records as number) + 1, () => 'the update folded');
    const after = await rawSnapshot(url, story, { recent: 10 });
    await rawSnapshot(url, story, { recent: 10 });
    expect(counts.derived).toBe(derived + 1);
    expect(after.snap.state!.records).toBe((first.snap.state!.records as number) + 1);
    expect(await metricValue(gw.port, 'newswire_gateway_state_views_derived')).toBe(counts.derived);
    expect(await metricValue(gw.port, 'newswire_gateway_state_view_cache_bytes')).toBeGreaterThan(after.bytes.length / 2);
  });

  it('is the same bytes on a gateway restarted from its snapshots and on one that read the whole log', async () => {
    const story = 'frame-twins';
    await bed.pub.publish([...govUpdates(story, 35), ...storyUpdates(story, 30)]);
    const topic = `${bed.kafka.prefix}.story-state-twins`;
    const first = await gateway({ topic });
    await caughtUpSnapshot(`ws://127.0.0.1:${first.port}/`, story);
    await first.state!.flush();
    await first.stop();
    const restarted = await gateway({ topic });
    const fresh = await gateway({ topic: `${topic}-fresh` });
    expect(restarted.state!.rebuild.snapshotsLoaded).toBeGreaterThan(0);
    for (const view of ['board', 'full'])
      for (;;) {
        const [a, b] = [await rawSnapshot(`ws://127.0.0.1:${restarted.port}/`, story, { recent: 20, view }), await rawSnapshot(`ws://127.0.0.1:${fresh.port}/`, story, { recent: 20, view })];
        if (canonicalJson(a.snap.positions) !== canonicalJson(b.snap.positions) || a.snap.history.building || b.snap.history.building) {
          await sleep(100);
          continue;
        }
        expect(a.bytes.toString(), view).toBe(b.bytes.toString());
        break;
      }
  });
});

describe('two gateways', () => {
  it('write byte-identical snapshots for the same positions', async () => {
    const stories = ['two-a', 'two-b', 'two-c'];
    const updates = stories.flatMap((s) => storyUpdates(s, 60));
    const bg = publishInBackground(bed.pub, updates, 15, 20);
    const a = await gateway();
    await sleep(100);
    const b = await gateway(); // starts later: reads the topics in another interleaving
    await bg.done;
    for (const g of [a, b]) await caughtUpSnapshot(`ws://127.0.0.1:${g.port}/`, stories[0]!);
    for (const s of stories) {
      const bytesA = a.state!.snapshotBytes(s);
      expect(bytesA).not.toBeNull();
      expect(b.state!.snapshotBytes(s)).toBe(bytesA);
    }
    // And in the snapshot topic: every (story, positions) written by both holds the same bytes.
    await Promise.all([a.state!.flush(), b.state!.flush()]);
    await a.state!.flush();
    await b.state!.flush();
    const byPositions = new Map<string, Set<string>>();
    let records = 0;
    const topic = `${bed.kafka.prefix}.story-state`;
    for (const p of await port.topicOffsets(topic))
      await port.readRange([{ topic, partition: p.partition, from: p.low, to: p.high }], (batch) => {
        for (const r of batch.records) {
          const d = decodeStateRecord(r.key!.toString(), r.value);
          if (!d.ok || d.value.kind !== 'story' || !stories.includes(d.value.story)) continue;
          records++;
          const k = `${d.value.story} ${canonicalJson(d.value.positions)}`;
          const set = byPositions.get(k) ?? new Set();
          set.add(r.value!.toString());
          byPositions.set(k, set);
        }
      });
    expect(records).toBeGreaterThan(byPositions.size); // some positions were written by both
    for (const [k, values] of byPositions) expect(values.size, k).toBe(1);
  });
});

describe('snapshot size', () => {
  it("writes a story whose snapshot is larger than Kafka's 1 MB message.max.bytes", async () => {
    // 400 recent updates with 4,000-character bodies: about 1.8 MB of snapshot JSON.
    const body = 'The curfew was extended across the city. '.repeat(100);
    const updates = makeUpdates(400, { prefix: 'big', patch: () => ({ story: 'big-story', body }) });
    await bed.pub.publish(updates);
    const gw = await gateway({ snapshotMs: 60_000, snapshotEvery: 1_000_000 });
    await caughtUpSnapshot(`ws://127.0.0.1:${gw.port}/`, 'big-story');
    const bytes = gw.state!.snapshotBytes('big-story');
    expect(bytes!.length).toBeGreaterThan(1_048_588);
    await gw.state!.flush();
    const topic = `${bed.kafka.prefix}.story-state`;
    const written: string[] = [];
    for (const p of await port.topicOffsets(topic))
      await port.readRange([{ topic, partition: p.partition, from: p.low, to: p.high }], (batch) => {
        for (const r of batch.records) if (r.key?.toString() === 'big-story') written.push(r.value!.toString());
      });
    expect(written.length).toBeGreaterThan(0);
    const last = decodeStateRecord('big-story', written.at(-1)!);
    expect(last.ok).toBe(true);
  });
});

/** A gateway process with quick snapshots, every recent update kept, and no warm window. */
const spawnGateway = () => spawnGatewayOn(bed.kafka, { GATEWAY_STATE_SNAPSHOT_MS: '100', GATEWAY_STATE_MAX_RECENT: '5000', GATEWAY_WARM_ENTRIES: '0' });

describe('kill -9 and restart', () => {
  it('reloads its snapshots, reads less than the topics hold, and reaches the same state as a full rebuild; the client misses nothing', async () => {
    const story = 'state-kill';
    const updates = storyUpdates(story, 600);
    await bed.pub.publish(updates.slice(0, 200));
    const g1 = await spawnGateway();
    const bg = publishInBackground(bed.pub, updates.slice(200), 10, 15);
    const first = await snapshotOf(`ws://127.0.0.1:${g1.port}/`, story, 'dash');
    await sleep(600); // several snapshot flushes
    g1.cli.kill('SIGKILL');
    await g1.exited;
    const seenOnG1 = first.snap.state!.records as number + first.c.of('update').length;
    first.c.close();
    expect(bg.published()).toBeLessThan(updates.length - 50); // killed mid-stream

    const g2 = await spawnGateway();
    const again = await snapshotOf(`ws://127.0.0.1:${g2.port}/`, story, 'dash');
    await bg.done;
    const total = await totalRecords();
    expect(await metricValue(g2.port, 'newswire_gateway_state_snapshots_loaded')).toBeGreaterThan(0);
    // It read the update topics again only from its checkpoint: far fewer records than they hold.
    const rebuilt = await metricValue(g2.port, 'newswire_gateway_state_rebuild_records');
    expect(rebuilt).toBeLessThan(total);
    expect(seenOnG1).toBeGreaterThan(200);

    // The client: snapshot at P, then every later update exactly once.
    await again.c.waitFor(() => (again.snap.state!.records as number) + again.c.of('update').length >= updates.length, 'every update');
    await sleep(300);
    const live = again.c.of('update').map((f) => f.update.id);
    expect(new Set(live).size).toBe(live.length);
    expect((again.snap.state!.records as number) + live.length).toBe(updates.length);
    expect([...again.snap.recent.map((r) => r.update.id), ...live].sort()).toEqual(updates.map((u) => u.id).sort());
    again.c.close();

    // Unchanged: the restarted gateway's state is the state a gateway building from the whole log reaches.
    const fresh = await gateway({ topic: `${bed.kafka.prefix}.story-state-fresh` });
    const s2 = await caughtUpSnapshot(`ws://127.0.0.1:${g2.port}/`, story);
    const s3 = await caughtUpSnapshot(`ws://127.0.0.1:${fresh.port}/`, story);
    expect(fresh.state!.rebuild.snapshotsLoaded).toBe(0);
    expect(s3.positions).toEqual(s2.positions);
    expect(canonicalJson(s2.state)).toBe(canonicalJson(s3.state));
    expect(canonicalJson(s2.recent)).toBe(canonicalJson(s3.recent));
    g2.cli.kill('SIGKILL');
  });
});
