/**
 * Offsets are decimal strings on every interface (issue 13: Kafka offsets are
 * int64, a JSON number is exact only to 2^53). The gateway sends strings in
 * update frames, positions (subscribed, live, lagged, shutdown) and gap
 * notices; it accepts strings in subscribe.from.positions, and numbers too
 * for clients written against the earlier protocol; anything else is
 * bad_message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { serverMessageSchemaForClients } from '@newswire/protocol';
import { TestClient, countIds, gatewayTestbed } from './support.ts';

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const bed = gatewayTestbed();
let url: string;
/** This file's name of a newswire topic (topics are per test file). */
const T = (family: string) => `${bed.kafka.prefix}.${family}`;

beforeAll(async () => {
  ({ url } = await bed.gateway());
});

const offsetsOf = (positions: { offset: unknown }[]) => positions.map((p) => p.offset);

describe('offsets on the wire', () => {
  it('are decimal strings in subscribed, update, live, gap and shutdown frames', async () => {
    const prefix = `off-${Date.now()}`;
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'now' });
    const subscribed = await c.waitForOp('subscribed');
    expect(subscribed.positions.length).toBeGreaterThan(0);
    for (const o of offsetsOf(subscribed.positions)) expect(o).toMatch(DECIMAL);
    const published = await bed.pub.publish(makeUpdates(3, { prefix, stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], prefix).unique === 3, 'three updates');
    for (const f of c.of('update')) {
      expect(f.offset).toMatch(DECIMAL);
      const p = published.find((x) => x.id === f.update.id)!;
      expect(f.offset).toBe(String(p.offset));
    }
    // A resume with positions of another epoch: gap notices and a live frame, all with strings.
    c.send({ op: 'subscribe', id: 'other-epoch', topics: [T('arrests')], from: { positions: [{ topic: T('arrests'), partition: 0, offset: '1' }], epoch: 'another-log' } });
    const gap = await c.waitForOp('gap', (g) => g.id === 'other-epoch');
    expect(gap.requested === null || DECIMAL.test(gap.requested)).toBe(true);
    expect(gap.available).toMatch(DECIMAL);
    const live = await c.waitForOp('live', (l) => l.id === 'other-epoch');
    for (const o of offsetsOf(live.positions)) expect(o).toMatch(DECIMAL);
    // Shutdown carries each subscription's cursor as strings.
    const { gw: g2, url: url2 } = await bed.gateway();
    const s = await TestClient.connect(url2);
    s.send({ op: 'subscribe', id: 's' });
    await s.waitForOp('subscribed');
    await g2.stop();
    const shutdown = await s.waitForOp('shutdown');
    for (const o of offsetsOf(shutdown.positions)) expect(o).toMatch(DECIMAL);
    for (const sub of shutdown.subscriptions) for (const o of offsetsOf(sub.positions)) expect(o).toMatch(DECIMAL);
    c.close();
  });

  it('accepts resume positions as strings, and as numbers from older clients, with the same result', async () => {
    const prefix = `off-in-${Date.now()}`;
    const probe = await TestClient.connect(url);
    probe.send({ op: 'subscribe', id: 'p', topics: [T('arrests')] });
    const start = (await probe.waitForOp('subscribed')).positions;
    probe.close();
    await bed.pub.publish(makeUpdates(40, { prefix, stories: 7 }));
    const asStrings = await TestClient.connect(url);
    asStrings.send({ op: 'subscribe', id: 's', topics: [T('arrests')], from: { positions: start } });
    const asNumbers = await TestClient.connect(url);
    asNumbers.send({ op: 'subscribe', id: 's', topics: [T('arrests')], from: { positions: start.map((p) => ({ ...p, offset: Number(p.offset) })) } });
    for (const c of [asStrings, asNumbers]) await c.waitForOp('live');
    const ids = (c: TestClient) => c.updateIds().filter((id) => id.startsWith(prefix)).sort();
    expect(ids(asStrings).length).toBeGreaterThan(0);
    expect(ids(asNumbers)).toEqual(ids(asStrings));
    // The echo in `subscribed` has the offsets as strings either way.
    const echo = asNumbers.of('subscribed')[0]!.from as { positions: { offset: unknown }[] };
    for (const o of offsetsOf(echo.positions)) expect(o).toMatch(DECIMAL);
    asStrings.close();
    asNumbers.close();
  });

  it('refuses malformed offsets with bad_message naming the subscription', async () => {
    const bad: unknown[] = ['-1', '01', '1e3', ' 7', '7.0', 'abc', '', '9223372036854775808', -1, 1.5, '9007199254740993'];
    // One connection per value: ten invalid messages on one connection would close it (1008).
    for (const [i, offset] of bad.entries()) {
      const c = await TestClient.connect(url);
      c.send({ op: 'subscribe', id: `bad-${i}`, topics: [T('arrests')], from: { positions: [{ topic: T('arrests'), partition: 0, offset }] } });
      expect((await c.waitForOp('error', (e) => e.ref === `bad-${i}`)).code, JSON.stringify(offset)).toBe('bad_message');
      expect(c.of('subscribed')).toEqual([]);
      c.close();
    }
  });
});

describe('clients reading an older gateway', () => {
  it('read numeric offsets as decimal strings', () => {
    const parsed = serverMessageSchemaForClients.parse({ op: 'update', topic: 't', partition: 0, offset: 42, epoch: 'e', ts: 1, update: {} });
    expect(parsed).toMatchObject({ offset: '42' });
    const lagged = serverMessageSchemaForClients.parse({ op: 'lagged', epoch: 'e', positions: [{ topic: 't', partition: 0, offset: 7 }], subscriptions: [{ id: 's', positions: [{ topic: 't', partition: 1, offset: 8 }] }] });
    expect(lagged).toMatchObject({ positions: [{ offset: '7' }], subscriptions: [{ positions: [{ offset: '8' }] }] });
    const gap = serverMessageSchemaForClients.parse({ op: 'gap', id: 's', topic: 't', partition: 0, requested: null, available: 3, reason: 'retention' });
    expect(gap).toMatchObject({ requested: null, available: '3' });
  });
});
