/**
 * Live delivery through real sockets and the broker from startKafka():
 * publish -> receive, every filter, one frame per connection, ops endpoints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, seedOfKind } from '@newswire/test-support';
import type { RunningGateway } from '../src/index.ts';
import { TestClient, gatewayTestbed } from './support.ts';

const bed = gatewayTestbed();
let gw: RunningGateway;
let url: string;

beforeAll(async () => {
  ({ gw, url } = await bed.gateway());
});

describe('live delivery', () => {
  it('delivers a published update with its position and epoch', async () => {
    const c = await TestClient.connect(url);
    await c.hello();
    const welcome = c.of('welcome')[0]!;
    expect(welcome.epoch).toBe(gw.epoch);
    c.send({ op: 'subscribe', id: 'all' });
    const sub = await c.waitForOp('subscribed');
    expect(sub.catchingUp).toBe(false);
    expect(sub.positions.length).toBeGreaterThan(0);
    const [u] = makeUpdates(1, { prefix: 'live-basic', stories: 7 });
    const [pos] = await bed.pub.publish([u]);
    const f = await c.waitForOp('update', (x) => x.update.id === u!.id);
    expect(f.topic).toBe(pos!.topic);
    expect(f.partition).toBe(pos!.partition);
    expect(f.offset).toBe(String(pos!.offset)); // a decimal string, as on every interface
    expect(f.epoch).toBe(gw.epoch);
    expect(f.sub).toBeUndefined();
    expect(f.update).toEqual(u);
    c.close();
  });

  it('applies each filter field', async () => {
    const casualties = seedOfKind('casualties');
    const arrests = seedOfKind('arrests');
    const base = (kind: 'casualties' | 'arrests') => (kind === 'casualties' ? casualties : arrests);
    const variants = [
      { key: 'kind', u: { ...base('casualties') } },
      { key: 'other-kind', u: { ...base('arrests') } },
      { key: 'story', u: { ...base('arrests'), story: 'filter-story-x' } },
      { key: 'country', u: { ...base('arrests'), place: { country: 'RU', extent: 'whole' } } },
      { key: 'region', u: { ...base('arrests'), place: { country: 'KZ', admin1: 'Mangystau' } } },
      { key: 'city', u: { ...base('arrests'), place: { country: 'KZ', city: 'Aktau' } } },
      { key: 'verification', u: { ...base('arrests'), verification: 'disputed' } },
      { key: 'urgency', u: { ...base('arrests'), urgency: 'flash' } },
    ].map((v, i) => ({ ...v, u: { ...v.u, id: `filter-${v.key}-${i}` } }));
    const filters: Record<string, object> = {
      kinds: { kinds: ['casualties'] },
      stories: { stories: ['filter-story-x'] },
      countries: { countries: ['RU'] },
      regions: { regions: ['Mangystau'] },
      cities: { cities: ['Aktau'] },
      verification: { verification: ['disputed'] },
      urgency: { urgency: ['flash'] },
    };
    const c = await TestClient.connect(url);
    const clients: Record<string, TestClient> = {};
    for (const [name, filter] of Object.entries(filters)) {
      const cl = await TestClient.connect(url);
      cl.send({ op: 'subscribe', id: name, filter });
      await cl.waitForOp('subscribed');
      clients[name] = cl;
    }
    c.send({ op: 'subscribe', id: 'everything' });
    await c.waitForOp('subscribed');
    await bed.pub.publish(variants.map((v) => v.u));
    await c.waitFor(() => variants.every((v) => c.updateIds().includes(v.u.id)), 'all variants on the unfiltered client');
    const expected: Record<string, string[]> = {
      kinds: ['filter-kind-0'],
      stories: ['filter-story-2'],
      countries: ['filter-country-3'],
      regions: ['filter-region-4'],
      cities: ['filter-city-5'],
      verification: ['filter-verification-6'],
      urgency: ['filter-urgency-7'],
    };
    // The unfiltered client got everything, so the filtered ones have had their chance too;
    // wait for the expected ones, then check nothing else arrived.
    for (const [name, ids] of Object.entries(expected)) {
      const cl = clients[name]!;
      await cl.waitFor(() => ids.every((id) => cl.updateIds().includes(id)), `${name} to get ${ids.join(',')}`);
      expect(cl.updateIds().filter((id) => id.startsWith('filter-')).sort(), name).toEqual(ids);
      cl.close();
    }
    c.close();
  });

  it('sends a live frame once per connection even when several subscriptions match', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'a' });
    c.send({ op: 'subscribe', id: 'b', filter: { kinds: ['arrests', 'casualties', 'unrest', 'connectivity', 'diplomacy'] } });
    await c.waitFor(() => c.of('subscribed').length === 2, 'two subscriptions');
    const ups = makeUpdates(20, { prefix: 'once', stories: 7 });
    await bed.pub.publish(ups);
    await c.waitFor(() => ups.every((u) => c.updateIds().includes(u.id)), 'all 20');
    const ids = c.updateIds().filter((id) => id.startsWith('once-'));
    expect(ids.length).toBe(20);
    c.close();
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    const base = `http://127.0.0.1:${gw.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, epoch: gw.epoch });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'newswire_gateway_connections',
      'newswire_gateway_subscriptions',
      'newswire_gateway_updates_in_total',
      'newswire_gateway_deliveries_total',
      'newswire_gateway_lagged_clients_total',
      'newswire_gateway_closed_connections_total',
      'newswire_gateway_e2e_latency_seconds_bucket',
      'newswire_gateway_consumer_lag',
    ])
      expect(metrics, name).toContain(name);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
