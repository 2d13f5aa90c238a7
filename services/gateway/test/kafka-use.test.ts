/**
 * What the gateway does to Kafka, seen from Kafka: it creates no topics
 * (missing ones are reported by /readyz and served once someone creates
 * them) and it joins no consumer group, neither for its live reading nor
 * for a resume that must be read back from Kafka.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, needsOwnCluster, openAdmin, startKafka, type TestAdmin, type TestKafka } from '@newswire/test-support';
import type { Publisher } from '@newswire/kafka';
import { startGateway, type RunningGateway } from '../src/index.ts';
import { CursorTracker, TestClient, countIds, publisherFor, quietLogger } from './support.ts';

let kafka: TestKafka;
let admin: TestAdmin;
let pub: Publisher | undefined;
const gateways: RunningGateway[] = [];

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
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
});

afterAll(async () => {
  for (const g of gateways) await g.stop();
  await pub?.close();
  await admin?.close();
  await kafka?.stop();
});

describe('the gateway on Kafka', () => {
  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('creates no topics: it reports the missing ones and serves them once they exist', async () => {
    const groupsBefore = await admin.listGroups();
    const gw = await startGateway({ port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: quietLogger() });
    gateways.push(gw);
    const r = await readyz(gw.port);
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
    expect([...r.body.missingTopics].sort()).toEqual([...kafka.topics].sort());
    expect((await admin.listTopics()).filter((t) => kafka.topics.includes(t))).toEqual([]);

    // Someone else creates them (the publisher does, as `newswire start` and `topics create` do).
    pub = await publisherFor(kafka.brokers, kafka.prefix);
    await expect.poll(async () => (await readyz(gw.port)).status, { timeout: 30_000 }).toBe(200);
    const c = await TestClient.connect(`ws://127.0.0.1:${gw.port}/`);
    c.send({ op: 'subscribe', id: 's' });
    await c.waitForOp('subscribed');
    await pub.publish(makeUpdates(7, { prefix: 'after-create', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'after-create').unique === 7, 'the 7 updates published after the topics appeared');
    c.close();
    expect(await admin.listGroups()).toEqual(groupsBefore);
  });

  it.skipIf(needsOwnCluster('the list of every consumer group on the cluster'))('joins no consumer group when a resume must be read back from Kafka', async () => {
    pub ??= await publisherFor(kafka.brokers, kafka.prefix);
    const groupsBefore = await admin.listGroups();
    // A 5-entry memory window: the catch-up below must read Kafka.
    const gw = await startGateway({ port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: quietLogger(), limits: { windowEntries: 5 } });
    gateways.push(gw);
    const url = `ws://127.0.0.1:${gw.port}/`;
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
