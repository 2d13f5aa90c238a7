/**
 * Replay over WebSocket: from earliest, from a time, from offsets; epoch and
 * reset gaps; and a gap notice after broker retention deleted the data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, needsDevBroker, openAdmin, seedOfKind, startKafka } from '@newswire/test-support';
import { startGateway, type RunningGateway } from '../src/index.ts';
import { CursorTracker, TestClient, countIds, gatewayTestbed, publisherFor, quietLogger, sleep } from './support.ts';

const bed = gatewayTestbed();
let gw: RunningGateway;
let url: string;
const A = makeUpdates(300, { prefix: 'replay-a', stories: 7 });
const B = makeUpdates(200, { prefix: 'replay-b', stories: 7 });
let betweenIso = '';
let positionsBeforeB: { topic: string; partition: number; offset: string }[] = [];

beforeAll(async () => {
  ({ gw, url } = await bed.gateway({ limits: { windowEntries: 50 } }));
  await bed.pub.publish(A);
  // Positions between A and B, as a live subscriber sees them once A went by.
  const probe = await TestClient.connect(url);
  probe.send({ op: 'subscribe', id: 'probe', from: 'earliest' });
  await probe.waitFor(() => countIds([probe.updateIds()], 'replay-a').unique === A.length, 'A through the gateway');
  await probe.waitForOp('live');
  probe.send({ op: 'unsubscribe', id: 'probe' });
  probe.send({ op: 'subscribe', id: 'now' });
  positionsBeforeB = (await probe.waitForOp('subscribed', (f) => f.id === 'now')).positions;
  probe.close();
  await sleep(30);
  betweenIso = new Date().toISOString();
  await sleep(30);
  await bed.pub.publish(B);
});

async function replay(from: unknown): Promise<TestClient> {
  const c = await TestClient.connect(url);
  c.send({ op: 'subscribe', id: 'r', from });
  await c.waitForOp('live', (f) => f.id === 'r', 60_000);
  return c;
}

describe('replay over WebSocket', () => {
  it('from earliest delivers everything retained, then goes live', async () => {
    const c = await replay('earliest');
    expect(countIds([c.updateIds()], 'replay-a')).toEqual({ unique: A.length, duplicates: [] });
    expect(countIds([c.updateIds()], 'replay-b')).toEqual({ unique: B.length, duplicates: [] });
    expect(c.of('update').every((f) => f.sub === 'r')).toBe(true);
    const extra = makeUpdates(3, { prefix: 'replay-live', stories: 7 });
    await bed.pub.publish(extra);
    await c.waitFor(() => countIds([c.updateIds()], 'replay-live').unique === 3, 'live after replay');
    c.close();
  });

  it('from a time delivers exactly what was published after it', async () => {
    const c = await replay({ time: betweenIso });
    expect(countIds([c.updateIds()], 'replay-a').unique).toBe(0);
    expect(countIds([c.updateIds()], 'replay-b')).toEqual({ unique: B.length, duplicates: [] });
    c.close();
  });

  it('from offsets delivers exactly what follows them', async () => {
    const c = await replay({ positions: positionsBeforeB, epoch: gw.epoch });
    expect(countIds([c.updateIds()], 'replay-a').unique).toBe(0);
    expect(countIds([c.updateIds()], 'replay-b')).toEqual({ unique: B.length, duplicates: [] });
    expect(c.of('gap')).toEqual([]);
    expect(c.of('live')[0]!.recovered).toBe(true);
    c.close();
  });

  it('a different epoch gets a gap notice per partition and a replay from the earliest offset', async () => {
    const c = await replay({ positions: positionsBeforeB, epoch: 'some-other-cluster' });
    const gaps = c.of('gap');
    expect(gaps.length).toBe(positionsBeforeB.length);
    expect(gaps.every((g) => g.reason === 'epoch')).toBe(true);
    expect(countIds([c.updateIds()], 'replay-a').unique).toBe(A.length);
    expect(c.of('live')[0]!.recovered).toBe(false);
    c.close();
  });

  it('positions beyond the end of the log (log replaced) get a reset gap', async () => {
    const beyond = positionsBeforeB.map((p) => ({ ...p, offset: String(Number(p.offset) + 1_000_000) }));
    const c = await replay({ positions: beyond, epoch: gw.epoch });
    const gaps = c.of('gap');
    expect(gaps.length).toBe(beyond.length);
    expect(gaps.every((g) => g.reason === 'reset')).toBe(true);
    c.close();
  });
});

describe('gap after retention', () => {
  it.skipIf(needsDevBroker('retention.ms of 1 ms and a retention pass on demand'))('tells the client what was deleted and continues at the earliest retained offset', { timeout: 180_000 }, async () => {
    // retentionMs 1: a retention pass deletes everything older than 1 ms. The pass runs when
    // the test asks (enforceRetention), not on the broker's 60 s timer.
    const k2 = await startKafka({ partitions: 1, broker: { retentionMs: 1 } });
    const p2 = await publisherFor(k2.brokers, k2.prefix);
    const arrestsTopic = `${k2.prefix}.arrests`;
    // A 5-entry window: the 10 missed updates are not all in the gateway's memory, so the
    // resume asks Kafka where the log starts (a window that still held them would serve them).
    const g2 = await startGateway({ port: 0, brokers: k2.brokers, topicPrefix: k2.prefix, logger: quietLogger(), topics: [arrestsTopic], limits: { windowEntries: 5 } });
    try {
      const gurl = `ws://127.0.0.1:${g2.port}/`;
      // One story: every update on one partition of the arrests topic.
      const arrests = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...seedOfKind('arrests'), id: `${prefix}-${i}`, story: 'retention-story' }));
      const c1 = await TestClient.connect(gurl);
      c1.send({ op: 'subscribe', id: 's' });
      await c1.waitForOp('subscribed');
      const cursor = new CursorTracker(c1, 's');
      await p2.publish(arrests('kept', 10));
      await c1.waitFor(() => c1.updateIds().length === 10, 'first 10');
      const last = c1.of('update').at(-1)!;
      const positions = cursor.positions();
      c1.close();
      await p2.publish(arrests('missed', 10)); // the client never sees these
      await new Promise((r) => setTimeout(r, 5)); // older than retention.ms
      k2.enforceRetention();
      const admin = await openAdmin(k2.brokers);
      const o = (await admin.topicOffsets(arrestsTopic)).find((x) => x.partition === last.partition)!;
      expect(Number(o.low)).toBeGreaterThanOrEqual(Number(last.offset) + 11);
      await admin.close();
      await p2.publish(arrests('after', 5));
      const c2 = await TestClient.connect(gurl);
      c2.send({ op: 'subscribe', id: 's', from: { positions, epoch: g2.epoch } });
      const gap = await c2.waitForOp('gap');
      expect(gap).toMatchObject({ id: 's', topic: arrestsTopic, partition: last.partition, requested: String(Number(last.offset) + 1), reason: 'retention' });
      expect(Number(gap.available)).toBeGreaterThanOrEqual(Number(last.offset) + 11);
      await c2.waitFor(() => countIds([c2.updateIds()], 'after').unique === 5, 'the 5 published after the deletion');
      expect(countIds([c2.updateIds()], 'missed').unique).toBe(0);
      expect((await c2.waitForOp('live')).recovered).toBe(false);
      c2.close();
    } finally {
      await g2.stop();
      await p2.close();
      await k2.stop();
    }
  });
});
