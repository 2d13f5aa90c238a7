/**
 * What the gateway does to Kafka, seen from Kafka: it creates no topics
 * (missing ones are reported by /readyz and served once someone creates
 * them) and it joins no consumer group, neither for its live reading nor
 * for a resume that must be read back from Kafka.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, needsOwnCluster, openAdmin, type TestAdmin } from '@newswire/test-support';
import type { Publisher } from '@newswire/kafka';
import { CursorTracker, TestClient, countIds, gatewayTestbed, publisherFor } from './support.ts';

// Kafka with its default partitions and no publisher at the start: the first
// test needs the topics missing, and creates them with its own publisher.
const bed = gatewayTestbed({ kafka: {}, publisher: false });
let admin: TestAdmin;
let pub: Publisher | undefined;

interface Readyz {
  ready: boolean;
  state: string;
  missingTopics: string[];
}

async function readyz(port: number): Promise<{ status: number; body: Readyz }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as Readyz };
}

beforeAll(async () => {
  admin = await openAdmin(bed.kafka.brokers);
});

afterAll(async () => {
  await pub?.close();
  await admin?.close();
});

describe('the gateway on Kafka', () => {
  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('creates no topics: it reports the missing ones and serves them once they exist', async () => {
    const groupsBefore = await admin.listGroups();
    const { gw, url } = await bed.gateway();
    const r = await readyz(gw.port);
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
    expect([...r.body.missingTopics].sort()).toEqual([...bed.kafka.topics].sort());
    expect((await admin.listTopics()).filter((t) => bed.kafka.topics.includes(t))).toEqual([]);

    // Someone else creates them (the publisher does, as `newswire start` and `topics create` do).
    pub = await publisherFor(bed.kafka.brokers, bed.kafka.prefix);
    await expect.poll(async () => (await readyz(gw.port)).status, { timeout: 30_000 }).toBe(200);
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 's' });
    await c.waitForOp('subscribed');
    await pub.publish(makeUpdates(7, { prefix: 'after-create', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'after-create').unique === 7, 'the 7 updates published after the topics appeared');
    c.close();
    expect(await admin.listGroups()).toEqual(groupsBefore);
  });

  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('joins no consumer group when a resume must be read back from Kafka', async () => {
    pub ??= await publisherFor(bed.kafka.brokers, bed.kafka.prefix);
    const groupsBefore = await admin.listGroups();
    // A 5-entry memory window: the catch-up below must read Kafka.
    const { gw, url } = await bed.gateway({ limits: { windowEntries: 5 } });
    const first = await TestClient.connect(url);
    first.send({ op: 'subscribe', id: 's' });
    await first.waitForOp('subscribed');
    const cursor = new CursorTracker(first, 's');
    await pub.publish(makeUpdates(3, { prefix: 'seen', stories: 7 }));
    await first.waitFor(() => countIds([first.updateIds()], 'seen').unique === 3, 'the first 3');
    const positions = cursor.positions();
    first.close();
    await pub.publish(makeUpdates(60, { prefix: 'missed', stories: 7 }));
    const second = await TestClient.connect(url);
    second.send({ op: 'subscribe', id: 's', from: { positions, epoch: gw.epoch } });
    await second.waitForOp('live', (f) => f.id === 's', 60_000);
    expect(countIds([second.updateIds()], 'missed')).toEqual({ unique: 60, duplicates: [] });
    second.close();
    expect(await admin.listGroups()).toEqual(groupsBefore);
  });
});
