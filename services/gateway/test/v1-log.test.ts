/**
 * Old updates stay readable: the v1 fixture log (real v1 records, written by
 * the v1 publisher, with their v1 CloudEvents headers) is written raw into
 * the topics, beside v2 updates, and read through a running gateway by a real
 * WebSocket client: every record arrives as a v2 update with the upcast
 * meaning, at the position it was written to, side by side with the v2 ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedV2, makeUpdates, v1MeaningProblems, writeV1Log, type WrittenV1Record } from '@newswire/test-support';
import type { Update } from '@newswire/schema/v2';
import { TestClient, gatewayTestbed } from './support.ts';

const bed = gatewayTestbed();
let url: string;
let written: WrittenV1Record[];
const v2 = makeUpdates(30, { prefix: 'v2-beside-v1', stories: 7 });

// The v1 log first, then the v2 updates beside it, then a gateway that reads both.
beforeAll(async () => {
  written = await writeV1Log(bed.kafka.brokers, bed.kafka.prefix);
  await bed.pub.publish(v2);
  ({ url } = await bed.gateway());
});

describe('the v1 fixture log through the gateway', () => {
  it('arrives as v2 with the upcast meaning, at its positions, beside v2 updates', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'all', from: 'earliest' });
    await c.waitForOp('live', (f) => f.id === 'all', 60_000);
    const frames = c.of('update');
    expect(frames).toHaveLength(written.length + v2.length);

    const byId = new Map<string, Update>(frames.map((f) => [f.update.id, f.update as Update]));
    const expected = expectedV2(written);
    for (const r of written) {
      const id = JSON.parse(r.value).id as string;
      const f = frames.find((x) => x.update.id === id);
      expect(f, id).toBeDefined();
      expect({ topic: f!.topic, partition: f!.partition, offset: f!.offset }, id).toEqual(r.at);
      expect(f!.update, id).toEqual(expected.get(id));
    }
    expect(v1MeaningProblems(byId)).toEqual([]);
    // The v2 updates beside them arrive as published.
    for (const u of v2) expect(byId.get(u.id)).toEqual(u);
    c.close();
  });

  it('filters v1 records by their v2 reading: kinds, and regions on admin1 (v1 region)', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'north', from: 'earliest', filter: { regions: ['North Province'] } });
    c.send({ op: 'subscribe', id: 'arrests', from: 'earliest', filter: { kinds: ['arrests'], stories: ['fixture-v1-extras'] } });
    await c.waitForOp('live', (f) => f.id === 'north', 60_000);
    await c.waitForOp('live', (f) => f.id === 'arrests', 60_000);
    const north = c.of('update').filter((f) => f.sub === 'north').map((f) => f.update.id);
    const wantNorth = [...expectedV2(written).values()].filter((u) => u.place.admin1 === 'North Province').map((u) => u.id);
    expect(wantNorth.length).toBeGreaterThan(0);
    expect(north.sort()).toEqual(wantNorth.sort());
    const arrests = c.of('update').filter((f) => f.sub === 'arrests').map((f) => f.update.id);
    expect(arrests.sort()).toEqual([...expectedV2(written).values()].filter((u) => u.kind === 'arrests' && u.story === 'fixture-v1-extras').map((u) => u.id).sort());
    c.close();
  });
});
