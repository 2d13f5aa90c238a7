/** Fan-out, not work sharing: two gateways on one broker each deliver every update. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, startKafka, type TestKafka } from '@newswire/test-support';
import { startGateway, type RunningGateway } from '../src/index.ts';
import type { Publisher } from '@newswire/kafka';
import { TestClient, countIds, publisherFor, quietLogger } from './support.ts';

let kafka: TestKafka;
let pub: Publisher;
const gws: RunningGateway[] = [];

beforeAll(async () => {
  kafka = await startKafka({ partitions: 3 });
  pub = await publisherFor(kafka.brokers, kafka.prefix);
  for (let i = 0; i < 2; i++) gws.push(await startGateway({ port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: quietLogger() }));
});

afterAll(async () => {
  for (const g of gws) await g.stop();
  await pub?.close();
  await kafka?.stop();
});

describe('two gateways on one broker', () => {
  it('both deliver everything', async () => {
    const total = 1000;
    const clients = await Promise.all(gws.map((g) => TestClient.connect(`ws://127.0.0.1:${g.port}/`)));
    for (const c of clients) {
      c.send({ op: 'subscribe', id: 's' });
      await c.waitForOp('subscribed');
    }
    expect(gws[0]!.epoch).toBe(gws[1]!.epoch);
    await pub.publish(makeUpdates(total, { prefix: 'fan', stories: 7 }));
    for (const c of clients) {
      await c.waitFor(() => countIds([c.updateIds()], 'fan').unique === total, `all ${total}`);
      expect(countIds([c.updateIds()], 'fan').duplicates).toEqual([]);
      c.close();
    }
  });
});
