/**
 * Resume after a client drop: no loss, no duplicate (checked by update ids
 * over thousands of updates), from the memory window and from Kafka.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import type { RunningGateway } from '../src/index.ts';
import { CursorTracker, TestClient, countIds, gatewayTestbed, metricValue, publishInBackground } from './support.ts';

const bed = gatewayTestbed();
let withWindow: RunningGateway;
let tinyWindow: RunningGateway;
let overflowing: RunningGateway;

beforeAll(async () => {
  ({ gw: withWindow } = await bed.gateway());
  // A 5-entry window: every resume gap has to come from Kafka through the replay reader.
  ({ gw: tinyWindow } = await bed.gateway({ limits: { windowEntries: 5 } }));
  // A 1-byte catch-up buffer overflows on the first live update during catch-up:
  // catch-up has to go round again (from Kafka) until it meets the live stream.
  // One replay slot: concurrent resumes queue for it.
  ({ gw: overflowing } = await bed.gateway({ limits: { windowEntries: 5, catchupBufferBytes: 1, replayConcurrency: 1 } }));
});

async function dropAndResume(gw: RunningGateway, prefix: string, total: number): Promise<{ catchUpFrames: number; live: Record<string, unknown> }> {
  const url = `ws://127.0.0.1:${gw.port}/`;
  const updates = makeUpdates(total, { prefix, stories: 7 });
  const first = await TestClient.connect(url);
  await first.hello();
  first.send({ op: 'subscribe', id: 's' });
  await first.waitForOp('subscribed');
  const cursor = new CursorTracker(first, 's');
  const bg = publishInBackground(bed.pub, updates, 50, 2);
  // Drop the client abruptly part-way through the stream.
  await first.waitFor(() => first.updateIds().length >= total / 4, 'a quarter of the updates');
  first.close();
  const firstIds = first.updateIds();
  const positions = cursor.positions();
  const epoch = first.of('welcome')[0]!.epoch;
  // Let more pile up while disconnected, then resume.
  await new Promise<void>((r) => { const t = setInterval(() => { if (bg.published() >= total / 2) { clearInterval(t); r(); } }, 10); });
  const second = await TestClient.connect(url);
  second.send({ op: 'subscribe', id: 's', from: { positions, epoch } });
  await bg.done;
  await second.waitFor(() => countIds([firstIds, second.updateIds()], prefix).unique === total, `all ${total} updates`, 60_000);
  const { unique, duplicates } = countIds([firstIds, second.updateIds()], prefix);
  expect(duplicates).toEqual([]);
  expect(unique).toBe(total);
  expect(second.of('gap')).toEqual([]);
  // 'live' follows the catch-up; when the catch-up carried the last update, it may come just after it.
  const live = await second.waitForOp('live', (f) => f.id === 's');
  expect(live.recovered).toBe(true);
  const catchUpFrames = second.of('update').filter((f) => f.sub === 's').length;
  second.close();
  return { catchUpFrames, live };
}

describe('resume after a client drop', () => {
  it('recovers from the memory window with no loss and no duplicate', async () => {
    const r = await dropAndResume(withWindow, 'rw', 3000);
    expect(r.catchUpFrames).toBeGreaterThan(0);
    expect(await metricValue(withWindow.port, 'newswire_gateway_catchup_ranges_total', 'source="window"')).toBeGreaterThan(0);
    expect(await metricValue(withWindow.port, 'newswire_gateway_catchup_ranges_total', 'source="kafka"')).toBe(0);
  });

  it('recovers from Kafka when the window no longer covers the gap', async () => {
    const r = await dropAndResume(tinyWindow, 'rk', 3000);
    expect(r.catchUpFrames).toBeGreaterThan(5);
    expect(await metricValue(tinyWindow.port, 'newswire_gateway_catchup_ranges_total', 'source="kafka"')).toBeGreaterThan(0);
  });

  it('keeps every window together under GATEWAY_WINDOW_TOTAL_BYTES and serves the rest of a resume from Kafka', async () => {
    const bound = 128 * 1024;
    const { gw: g } = await bed.gateway({ limits: { windowTotalBytes: bound } });
    try {
      const held: number[] = [];
      const sampler = setInterval(() => void metricValue(g.port, 'newswire_gateway_window_bytes').then((v) => held.push(v)), 50);
      try {
        await dropAndResume(g, 'rt', 2000); // about 1.4 MB of frames went through the windows
      } finally {
        clearInterval(sampler);
      }
      held.push(await metricValue(g.port, 'newswire_gateway_window_bytes'));
      expect(Math.max(...held)).toBeGreaterThan(bound / 2);
      expect(Math.max(...held)).toBeLessThanOrEqual(bound);
      expect(await metricValue(g.port, 'newswire_gateway_catchup_ranges_total', 'source="kafka"')).toBeGreaterThan(0);
    } finally {
      await g.stop();
    }
  });

  it('loses nothing when the catch-up buffer overflows while updates keep arriving', async () => {
    await dropAndResume(overflowing, 'ro', 2000);
    expect(await metricValue(overflowing.port, 'newswire_gateway_catchup_overflows_total')).toBeGreaterThan(0);
  });

  it('serves concurrent replays through a single replay slot, each complete', async () => {
    const url = `ws://127.0.0.1:${overflowing.port}/`;
    const clients = await Promise.all(Array.from({ length: 4 }, () => TestClient.connect(url)));
    for (const c of clients) c.send({ op: 'subscribe', id: 'all', from: 'earliest' });
    for (const c of clients) {
      await c.waitForOp('live', () => true, 90_000);
      const counts = countIds([c.updateIds()], 'ro');
      expect(counts).toEqual({ unique: 2000, duplicates: [] });
      c.close();
    }
  });

  it('per-partition order holds across catch-up and live', async () => {
    const url = `ws://127.0.0.1:${tinyWindow.port}/`;
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'ord', from: 'earliest' });
    await c.waitForOp('live', (f) => f.id === 'ord', 60_000);
    await bed.pub.publish(makeUpdates(30, { prefix: 'order-tail', stories: 7 }));
    await c.waitFor(() => c.updateIds().filter((i) => i.startsWith('order-tail')).length === 30, 'tail');
    const last = new Map<string, number>();
    for (const f of c.of('update')) {
      const k = `${f.topic}:${f.partition}`;
      expect(Number(f.offset), k).toBeGreaterThan(last.get(k) ?? -1);
      last.set(k, Number(f.offset));
    }
    c.close();
  });
});

describe('resume at the live edge', () => {
  /** Positions where the gateway is now: once it has read every record (lag 0), a live subscription's start. */
  async function edgePositions(url: string, port: number) {
    for (;;) {
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { lag: number };
      if (ready.lag === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'edge' });
    const subscribed = await c.waitForOp('subscribed');
    const epoch = (await (c.send({ op: 'hello', v: 1 }), c.waitForOp('welcome'))).epoch;
    c.close();
    return { positions: subscribed.positions, epoch };
  }

  it('says live at once when there is nothing to catch up: no read from Kafka, live before the next message is answered', async () => {
    // The 5-entry window: a resume that needed anything would read it from Kafka.
    const gw = tinyWindow;
    const url = `ws://127.0.0.1:${gw.port}/`;
    await bed.pub.publish(makeUpdates(40, { prefix: 'edge-before', stories: 7 }));
    const { positions, epoch } = await edgePositions(url, gw.port);
    const ranges = async () => [await metricValue(gw.port, 'newswire_gateway_catchup_ranges_total', 'source="kafka"'), await metricValue(gw.port, 'newswire_gateway_catchup_ranges_total', 'source="window"')];
    const before = await ranges();

    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 's', from: { positions, epoch } });
    // Answered in order: a subscribe that waited for Kafka's offsets would let this pong overtake its `live`.
    c.send({ op: 'ping', t: 1 });
    await c.waitForOp('pong');
    expect(c.frames.map((f) => f.op)).toEqual(['subscribed', 'live', 'pong']);
    const live = c.of('live')[0]!;
    expect(live).toMatchObject({ id: 's', recovered: true, missed: 0 });
    expect([...live.positions].sort((a, b) => `${a.topic}:${a.partition}`.localeCompare(`${b.topic}:${b.partition}`))).toEqual(
      [...positions].sort((a, b) => `${a.topic}:${a.partition}`.localeCompare(`${b.topic}:${b.partition}`)),
    );
    expect(await ranges()).toEqual(before);

    // What comes next arrives live, each once.
    await bed.pub.publish(makeUpdates(30, { prefix: 'edge-after', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'edge-after').unique === 30, 'the 30 published after');
    expect(countIds([c.updateIds()], 'edge-').duplicates).toEqual([]);
    expect(c.updateIds().filter((id) => id.startsWith('edge-before'))).toEqual([]);
    expect(c.of('update').every((f) => f.sub === undefined)).toBe(true);
    expect(c.of('gap')).toEqual([]);
    c.close();
  });

  it('still catches up from where the client is when it is behind, and refuses nothing it would have served', async () => {
    const gw = withWindow;
    const url = `ws://127.0.0.1:${gw.port}/`;
    const { positions, epoch } = await edgePositions(url, gw.port);
    await bed.pub.publish(makeUpdates(25, { prefix: 'edge-behind', stories: 7 }));
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 's', from: { positions, epoch } });
    await c.waitFor(() => countIds([c.updateIds()], 'edge-behind').unique === 25, 'the 25 published since the positions');
    await c.waitForOp('live');
    expect(countIds([c.updateIds()], 'edge-behind').duplicates).toEqual([]);
    expect(c.of('gap')).toEqual([]);
    c.close();
  });
});
