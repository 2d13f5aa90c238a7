/**
 * An empty list never widens a grant (issue 13, bug 1): an empty filter list
 * is refused with bad_message, a claim listing no kinds/topics grants
 * nothing, a token without a `newswire` claim grants nothing, and a second
 * `hello` with a narrower token closes the subscriptions it no longer allows.
 * Every case is checked against real deliveries, live and history: a
 * sentinel update the client IS allowed to read proves the stream went by.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedOfKind } from '@newswire/test-support';
import { TestClient, gatewayTestbed, upgradeStatus } from './support.ts';

const SECRET = 'grants-test-secret-long-enough-5678';
const bed = gatewayTestbed();
let url: string;
let n = 0;
/** This file's name of a newswire topic (topics are per test file). */
const T = (family: string) => `${bed.kafka.prefix}.${family}`;

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('desk-grants').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
}

/** One security-measure update (forbidden to a connectivity-only token) and one connectivity update (allowed). */
async function publishPair(): Promise<{ security: string; connectivity: string }> {
  n++;
  const security = { ...seedOfKind('security-measure'), id: `grants-sec-${n}` };
  const connectivity = { ...seedOfKind('connectivity'), id: `grants-conn-${n}` };
  await bed.pub.publish([security, connectivity]);
  return { security: security.id, connectivity: connectivity.id };
}

beforeAll(async () => {
  ({ url } = await bed.gateway({ auth: { secret: SECRET } }));
  await publishPair(); // history for the `from: 'earliest'` cases
});

describe('empty lists never widen a grant', () => {
  it('refuses an empty filter.kinds with bad_message (it used to mean "every kind", bypassing the grant)', async () => {
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: { kinds: ['connectivity'] } })}` } });
    c.send({ op: 'subscribe', id: 'bypass-live', topics: [T('security')], filter: { kinds: [] } });
    c.send({ op: 'subscribe', id: 'bypass-history', topics: [T('security')], filter: { kinds: [] }, from: 'earliest' });
    c.send({ op: 'subscribe', id: 'allowed', topics: [T('security')], filter: { kinds: ['connectivity'] }, from: 'earliest' });
    expect((await c.waitForOp('error', (e) => e.ref === 'bypass-live')).code).toBe('bad_message');
    expect((await c.waitForOp('error', (e) => e.ref === 'bypass-history')).code).toBe('bad_message');
    await c.waitForOp('live', (f) => f.id === 'allowed');
    const ids = await publishPair();
    await c.waitForOp('update', (f) => f.update.id === ids.connectivity);
    expect(c.of('subscribed').map((f) => f.id)).toEqual(['allowed']);
    expect(c.of('update').filter((f) => f.update.kind !== 'connectivity')).toEqual([]);
    c.close();
  });

  it('refuses every other empty filter list with bad_message', async () => {
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: {} })}` } });
    for (const field of ['stories', 'countries', 'regions', 'cities', 'verification', 'urgency']) {
      c.send({ op: 'subscribe', id: `empty-${field}`, filter: { [field]: [] } });
      expect((await c.waitForOp('error', (e) => e.ref === `empty-${field}`)).code, field).toBe('bad_message');
    }
    c.send({ op: 'subscribe', id: 'empty-topics', topics: [] });
    expect((await c.waitForOp('error', (e) => e.ref === 'empty-topics')).code).toBe('bad_message');
    expect(c.of('subscribed')).toEqual([]);
    c.close();
  });

  it('a claim with "kinds": [] grants no kind: every subscribe is forbidden and nothing is delivered', async () => {
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: { kinds: [] } })}` } });
    await c.hello();
    expect(c.of('welcome')[0]!.auth).toMatchObject({ kinds: [] });
    c.send({ op: 'subscribe', id: 'everything' });
    c.send({ op: 'subscribe', id: 'history', from: 'earliest' });
    c.send({ op: 'subscribe', id: 'one-topic', topics: [T('security')] });
    for (const id of ['everything', 'history', 'one-topic']) expect((await c.waitForOp('error', (e) => e.ref === id)).code, id).toBe('forbidden');
    // A client that can read the same stream proves the updates went by.
    const witness = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: {} })}` } });
    witness.send({ op: 'subscribe', id: 'w', topics: [T('security')] });
    await witness.waitForOp('subscribed');
    const ids = await publishPair();
    await witness.waitForOp('update', (f) => f.update.id === ids.security);
    c.send({ op: 'ping', t: 1 });
    await c.waitForOp('pong');
    expect(c.of('subscribed')).toEqual([]);
    expect(c.of('update')).toEqual([]);
    c.close();
    witness.close();
  });

  it('a claim with "topics": [] grants no topic', async () => {
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: { topics: [] } })}` } });
    c.send({ op: 'subscribe', id: 'everything' });
    c.send({ op: 'subscribe', id: 'arrests', filter: { kinds: ['arrests'] } });
    c.send({ op: 'subscribe', id: 'explicit', topics: [T('arrests')] });
    for (const id of ['everything', 'arrests', 'explicit']) expect((await c.waitForOp('error', (e) => e.ref === id)).code, id).toBe('forbidden');
    expect(c.of('subscribed')).toEqual([]);
    c.close();
  });

  it('a token without a newswire claim is accepted and grants nothing (every subscribe is forbidden)', async () => {
    const t = await token({ other: true });
    const c = await TestClient.connect(`${url}?token=${t}`);
    await c.hello();
    expect(c.of('welcome')[0]!.auth).toMatchObject({ subject: 'desk-grants', topics: [], kinds: [] });
    c.send({ op: 'subscribe', id: 'anything' });
    expect((await c.waitForOp('error', (e) => e.ref === 'anything')).code).toBe('forbidden');
    // The same in hello.
    const h = await TestClient.connect(url);
    await h.hello(t);
    h.send({ op: 'subscribe', id: 'anything' });
    expect((await h.waitForOp('error', (e) => e.ref === 'anything')).code).toBe('forbidden');
    expect(h.closeCode).toBeNull();
    c.close();
    h.close();
  });
});

describe('a second hello with another token', () => {
  it('closes the subscriptions the new token does not allow and keeps the others', async () => {
    const broad = await token({ newswire: { kinds: ['security-measure', 'connectivity'] } });
    const narrow = await token({ newswire: { kinds: ['connectivity'] } });
    const c = await TestClient.connect(url);
    await c.hello(broad);
    c.send({ op: 'subscribe', id: 'implicit' }); // narrowed to the broad grant: security-measure + connectivity
    c.send({ op: 'subscribe', id: 'security', filter: { kinds: ['security-measure'] } });
    c.send({ op: 'subscribe', id: 'connectivity', filter: { kinds: ['connectivity'] } });
    await c.waitFor(() => c.of('subscribed').length === 3, 'three subscriptions');
    c.send({ op: 'hello', v: 1, token: narrow });
    await c.waitFor(() => c.of('welcome').length === 2, 'second welcome');
    expect(c.of('welcome')[1]!.auth).toMatchObject({ kinds: ['connectivity'] });
    for (const id of ['implicit', 'security']) expect((await c.waitForOp('error', (e) => e.ref === id)).code, id).toBe('forbidden');
    expect(c.of('error').some((e) => e.ref === 'connectivity')).toBe(false);
    const ids = await publishPair();
    await c.waitForOp('update', (f) => f.update.id === ids.connectivity);
    expect(c.updateIds()).not.toContain(ids.security);
    // The closed ids are free again; a new subscribe is scoped by the new token.
    c.send({ op: 'subscribe', id: 'implicit' });
    expect((await c.waitForOp('subscribed', (f) => f.id === 'implicit')).topics).toEqual([T('security')]);
    c.send({ op: 'subscribe', id: 'security', filter: { kinds: ['security-measure'] } });
    await c.waitFor(() => c.of('error').filter((e) => e.ref === 'security').length === 2, 'second refusal');
    expect(c.of('error').filter((e) => e.ref === 'security')[1]!.code).toBe('forbidden');
    c.close();
  });
});

describe('an empty origin allow-list', () => {
  it('allows no browser origin (requests without Origin, from non-browsers, still pass)', async () => {
    const { gw: g, url: u } = await bed.gateway({ auth: { allowedOrigins: [] } });
    try {
      expect(await upgradeStatus(u, { origin: 'https://evil.example' })).toBe(403);
      expect(await upgradeStatus(u, {})).toBe(101);
    } finally {
      await g.stop();
    }
  });
});
