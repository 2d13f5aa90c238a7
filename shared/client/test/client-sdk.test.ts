/**
 * The client SDK against a real gateway and broker: delivery, per-subscription
 * routing on one connection, resume with no loss and no duplicate across
 * network drops and a graceful gateway restart, and the bounded iterator
 * buffer's pause/resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connect,
  type Delivery,
  type GapNotice,
  type LiveNotice,
  type NewswireClient,
  type StateChange,
  type WebSocketConstructor,
} from '@newswire/client';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const WS = WebSocket as unknown as WebSocketConstructor;

let env: SdkEnv;
const clients: NewswireClient[] = [];

function client(url: string, extra: Partial<Parameters<typeof connect>[0]> = {}): NewswireClient {
  const c = connect({ url, WebSocket: WS, reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, ...extra });
  clients.push(c);
  return c;
}

/** Per partition, delivery offsets must strictly increase (order kept, nothing repeated). */
function expectOrderedPerPartition(deliveries: Delivery[]): void {
  const last = new Map<string, bigint>();
  for (const d of deliveries) {
    const k = `${d.topic}/${d.partition}`;
    const prev = last.get(k);
    if (prev !== undefined) expect(BigInt(d.offset) > prev, `offset order on ${k}`).toBe(true);
    last.set(k, BigInt(d.offset));
  }
}

beforeAll(async () => {
  env = await startSdkEnv();
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await env?.stop();
});

describe('client SDK', () => {
  it('receives published updates through async iteration, with their positions', async () => {
    const c = client(env.url);
    const sub = c.subscribe();
    await c.ready();
    const updates = makeUpdates(30, { prefix: 'iter', stories: 7 });
    await env.publisher.publishValidated(updates);
    const got: Delivery[] = [];
    for await (const d of sub) {
      got.push(d);
      if (got.length === updates.length) break;
    }
    expect(new Set(got.map((d) => d.update.id))).toEqual(new Set(updates.map((u) => u.id)));
    for (const d of got) {
      expect(d.epoch).toBe(env.gateway.epoch);
      expect(d.topic.startsWith(`${env.kafka.prefix}.`)).toBe(true);
      expect(d.replay).toBe(false);
    }
    expectOrderedPerPartition(got);
    expect(sub.state).toBe('closed');
  });

  it('routes live frames to each subscription of one connection by its own filter', async () => {
    const c = client(env.url);
    const arrests: Delivery[] = [];
    const all: Delivery[] = [];
    const kz: Delivery[] = [];
    c.subscribe({ filter: { kinds: ['arrests'] } }).on('update', (d) => arrests.push(d));
    c.subscribe().on('update', (d) => all.push(d));
    c.subscribe({ filter: { cities: ['Almaty'] } }).on('update', (d) => kz.push(d));
    await c.ready();
    const updates = makeUpdates(50, { prefix: 'route', stories: 7 });
    await env.publisher.publishValidated(updates);
    await waitFor(() => all.length === updates.length, 'all 50 updates on the unfiltered subscription', 60_000);
    const wantArrests = updates.filter((u) => u.kind === 'arrests').map((u) => u.id);
    const wantAlmaty = updates.filter((u) => u.place.city === 'Almaty').map((u) => u.id);
    expect(wantArrests.length).toBeGreaterThan(0);
    expect(wantAlmaty.length).toBeGreaterThan(0);
    await waitFor(() => arrests.length === wantArrests.length && kz.length === wantAlmaty.length, 'filtered deliveries', 60_000);
    expect(arrests.map((d) => d.update.id).sort()).toEqual([...wantArrests].sort());
    expect(kz.map((d) => d.update.id).sort()).toEqual([...wantAlmaty].sort());
  });

  it('resumes across repeated network drops with no loss and no duplicate (3,000 updates)', async () => {
    const c = client(env.proxyUrl);
    const states: StateChange[] = [];
    c.on('state', (s) => states.push(s));
    const got: Delivery[] = [];
    const sub = c.subscribe();
    sub.on('update', (d) => got.push(d));
    await c.ready();

    const updates = makeUpdates(3000, { prefix: 'drop', stories: 7 });
    let drops = 0;
    for (let i = 0; i < updates.length; i += 100) {
      await env.publisher.publishValidated(updates.slice(i, i + 100));
      // Cut the network every 500 updates (once the client is live again), while updates keep flowing.
      if (i % 500 === 0) {
        await waitFor(() => c.state === 'live', 'client live before the next drop', 60_000);
        drops += env.proxy.dropAll() > 0 ? 1 : 0;
      }
    }
    await waitFor(() => new Set(got.map((d) => d.update.id)).size >= updates.length, 'all 3,000 updates', 90_000);
    const ids = got.map((d) => d.update.id);
    expect(ids.length, 'no duplicate delivered').toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(updates.map((u) => u.id)));
    expectOrderedPerPartition(got);
    expect(drops).toBe(6);
    const resumed = states.filter((s) => s.state === 'live' && s.resumed);
    expect(resumed.length, 'came back live after each drop').toBe(6);
    expect(resumed.every((s) => s.recovered)).toBe(true);
    expect(states.some((s) => s.state === 'reconnecting')).toBe(true);
  }, 120_000);

  it('resumes across a graceful gateway restart, including updates published while it was down', async () => {
    const c = client(env.url);
    const got: Delivery[] = [];
    const states: StateChange[] = [];
    c.on('state', (s) => states.push(s));
    c.subscribe().on('update', (d) => got.push(d));
    await c.ready();
    const before = makeUpdates(200, { prefix: 'pre', stories: 7 });
    const during = makeUpdates(300, { prefix: 'down', stories: 7 });
    const after = makeUpdates(200, { prefix: 'post', stories: 7 });
    await env.publisher.publishValidated(before);
    await waitFor(() => got.length >= before.length, 'updates before the restart', 60_000);
    await env.restartGateway(async () => {
      await waitFor(() => states.some((s) => s.state === 'reconnecting' && s.code === 1012), 'close 1012 seen by the client', 60_000);
      await env.publisher.publishValidated(during);
    });
    await waitFor(() => states.filter((s) => s.state === 'live').length >= 2, 'live again after the restart', 60_000);
    await env.publisher.publishValidated(after);
    const want = [...before, ...during, ...after].map((u) => u.id);
    await waitFor(() => got.length >= want.length, 'every update across the restart', 60_000);
    const ids = got.map((d) => d.update.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(want));
    expectOrderedPerPartition(got);
    // The updates published while the gateway was down came as catch-up (replay) frames.
    expect(got.filter((d) => d.update.id.startsWith('down-')).every((d) => d.replay)).toBe(true);
  }, 120_000);

  it('a slow iterator pauses the subscription at its buffer bound and loses nothing', async () => {
    const c = client(env.url);
    const sub = c.subscribe({ bufferSize: 40 });
    const lagged: string[] = [];
    sub.on('lagged', (l) => lagged.push(l.source));
    await c.ready();
    const updates = makeUpdates(400, { prefix: 'slow', stories: 7 });
    await env.publisher.publishValidated(updates);
    const got: Delivery[] = [];
    let maxBuffered = 0;
    for await (const d of sub) {
      maxBuffered = Math.max(maxBuffered, sub.buffered);
      got.push(d);
      if (got.length % 20 === 0) await new Promise((r) => setTimeout(r, 20));
      if (got.length === updates.length) break;
    }
    expect(maxBuffered).toBeLessThanOrEqual(40);
    expect(lagged).toContain('client');
    const ids = got.map((d) => d.update.id);
    expect(new Set(ids)).toEqual(new Set(updates.map((u) => u.id)));
    expectOrderedPerPartition(got);
  }, 90_000);

  it('starts from earliest: replays retained updates, then goes live', async () => {
    const story = 'earliest-story-3';
    const retained = makeUpdates(21, { prefix: 'earliest', stories: 7 });
    await env.publisher.publishValidated(retained);
    const c = client(env.url);
    const got: Delivery[] = [];
    const sub = c.subscribe({ from: 'earliest', filter: { stories: [story] } });
    let live = false;
    sub.on('live', () => (live = true));
    sub.on('update', (d) => got.push(d));
    await waitFor(() => live, 'replay from earliest to finish', 60_000);
    const replayed = got.length;
    expect(replayed).toBe(retained.filter((u) => u.story === story).length);
    expect(got.every((d) => d.update.story === story && d.replay)).toBe(true);
    const more = makeUpdates(3, { prefix: 'late', patch: () => ({ story }) });
    await env.publisher.publishValidated(more);
    await waitFor(() => got.length === replayed + more.length, 'live updates after the replay', 60_000);
    expect(got.slice(replayed).every((d) => !d.replay)).toBe(true);
    const ids = got.map((d) => d.update.id);
    expect(ids.length).toBe(new Set(ids).size);
  }, 60_000);

  it('surfaces a gap when resuming with positions of another epoch, then continues', async () => {
    const c = client(env.url);
    const gaps: GapNotice[] = [];
    const lives: LiveNotice[] = [];
    const got: Delivery[] = [];
    const sub = c.subscribe({
      topics: [`${env.kafka.prefix}.arrests`],
      from: { positions: [{ topic: `${env.kafka.prefix}.arrests`, partition: 0, offset: '5' }], epoch: 'some-other-cluster' },
    });
    sub.on('gap', (g) => gaps.push(g));
    sub.on('live', (l) => lives.push(l));
    sub.on('update', (d) => got.push(d));
    await waitFor(() => lives.length === 1, 'the subscription to go live after its gaps', 60_000);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((g) => g.reason === 'epoch' && g.topic === `${env.kafka.prefix}.arrests`)).toBe(true);
    expect(lives[0]!.recovered).toBe(false);
    // From here the cursor is in the gateway's epoch: new updates arrive once.
    const more = makeUpdates(30, { prefix: 'after-gap', stories: 7 }).filter((u) => u.kind === 'arrests');
    expect(more.length).toBeGreaterThan(0);
    const before = got.length;
    await env.publisher.publishValidated(more);
    await waitFor(() => got.length >= before + more.length, 'updates after the gap', 60_000);
    expect(got.every((d) => d.epoch === env.gateway.epoch)).toBe(true);
    const ids = got.map((d) => d.update.id);
    expect(ids.length).toBe(new Set(ids).size);
  }, 60_000);
});
