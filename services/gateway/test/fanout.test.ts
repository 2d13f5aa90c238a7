/** Fan-out, not work sharing: two gateways on one broker each deliver every update. */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import type { RunningGateway } from '../src/index.ts';
import { TestClient, countIds, gatewayTestbed } from './support.ts';

const bed = gatewayTestbed();
const gws: RunningGateway[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) gws.push((await bed.gateway()).gw);
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
    await bed.pub.publish(makeUpdates(total, { prefix: 'fan', stories: 7 }));
    for (const c of clients) {
      await c.waitFor(() => countIds([c.updateIds()], 'fan').unique === total, `all ${total}`);
      expect(countIds([c.updateIds()], 'fan').duplicates).toEqual([]);
      c.close();
    }
  });
});
