/**
 * The `stories` op through real gateways, a real broker (startKafka) and real
 * WebSocket clients: the listing names the stories published, with the
 * counts the state folded, most recently active first; it is bounded
 * (`truncated`); and it is refused as a snapshot is: no state, a token
 * limited to some kinds, no token.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { TestClient, gatewayTestbed, sleep, type Frame } from './support.ts';

type Listing = Extract<Frame, { op: 'stories' }>;

const SECRET = 'test-secret-that-is-long-enough-1234';
const bed = gatewayTestbed();
/** Three stories, published one after the other: [story, updates]. */
const PUBLISHED: [string, number][] = [
  ['list-a', 3],
  ['list-b', 5],
  ['list-c', 2],
];
/** Per story, the newest Kafka timestamp of its updates, as a subscriber read them. */
const newestTs = new Map<string, number>();

beforeAll(async () => {
  for (const [story, n] of PUBLISHED) {
    await bed.pub.publish(makeUpdates(n, { prefix: story, patch: () => ({ story }) }));
    // Kafka timestamps are milliseconds: a pause keeps the three stories apart in time.
    await sleep(20);
  }
  // The timestamps Kafka gave them, read back through a gateway: what "most recently active" is measured by.
  const { url } = await bed.gateway({ state: { enabled: false } });
  const c = await TestClient.connect(url);
  await c.hello();
  c.send({ op: 'subscribe', id: 'all', from: 'earliest' });
  await c.waitForOp('live', (f) => f.id === 'all');
  for (const f of c.of('update')) newestTs.set(f.update.story, Math.max(newestTs.get(f.update.story) ?? 0, f.ts));
  c.close();
});

async function token(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('desk-test')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(SECRET));
}

/** Asks `stories` until the answer satisfies `done` (the gateway folds the log after it starts listening). */
async function listingWhen(c: TestClient, done: (l: Listing) => boolean): Promise<Listing> {
  for (let i = 0; ; i++) {
    const ref = `ask-${i}`;
    c.send({ op: 'stories', ref });
    const l = await c.waitForOp('stories', (f) => f.ref === ref);
    if (done(l)) return l;
    if (i > 300) throw new Error(`the listing never got there: ${JSON.stringify(l)}`);
    await sleep(100);
  }
}

const holdsAll = (l: Listing) => PUBLISHED.every(([s, n]) => l.stories.some((e) => e.story === s && e.updates === n));

/** The published stories, most recently active first (newest timestamp, then id), as the gateway must order them. */
function expectedOrder(): string[] {
  return PUBLISHED.map(([s]) => s).sort((a, b) => newestTs.get(b)! - newestTs.get(a)! || (a < b ? -1 : 1));
}

describe('stories', () => {
  it('lists every story with its update count and newest timestamp, most recently active first', async () => {
    const { url } = await bed.gateway();
    const c = await TestClient.connect(url);
    await c.hello();
    const l = await listingWhen(c, holdsAll);
    expect(l.truncated).toBe(false);
    expect(l.stories.map((e) => e.story)).toEqual(expectedOrder());
    expect(expectedOrder()).toEqual(['list-c', 'list-b', 'list-a']);
    for (const [story, n] of PUBLISHED) expect(l.stories.find((e) => e.story === story)).toEqual({ story, updates: n, lastTs: newestTs.get(story) });
    // Without a ref the answer carries none.
    c.send({ op: 'stories' });
    const plain = await c.waitForOp('stories', (f) => f.ref === undefined);
    expect(plain.stories).toEqual(l.stories);
    c.close();
  });

  it('lists at most maxStoryList stories, the most recent ones, and says it left some out', async () => {
    const { url } = await bed.gateway({ limits: { maxStoryList: 2 } });
    const c = await TestClient.connect(url);
    await c.hello();
    const full = await bed.gateway();
    const f = await TestClient.connect(full.url);
    await f.hello();
    const all = await listingWhen(f, holdsAll);
    f.close();
    const l = await listingWhen(c, (x) => x.stories.length === 2 && x.stories[0]!.story === all.stories[0]!.story && x.stories[1]!.story === all.stories[1]!.story);
    expect(l.truncated).toBe(true);
    expect(l.stories).toEqual(all.stories.slice(0, 2));
    c.close();
  });

  it('is refused with state_unavailable by a gateway without story state', async () => {
    const { url } = await bed.gateway({ state: { enabled: false } });
    const c = await TestClient.connect(url);
    await c.hello();
    c.send({ op: 'stories', ref: 'off' });
    const e = await c.waitForOp('error', (x) => x.ref === 'off');
    expect(e).toMatchObject({ code: 'state_unavailable', temporary: false });
    expect(c.of('stories')).toEqual([]);
    // The connection stays usable.
    c.send({ op: 'ping', t: 1 });
    await c.waitForOp('pong');
    c.close();
  });

  it('with auth on: unauthorized without a token, forbidden to a token limited to some kinds, answered for a full token', async () => {
    const { url } = await bed.gateway({ auth: { secret: SECRET }, limits: { authTimeoutMs: 60_000 } });
    const c = await TestClient.connect(url);
    c.send({ op: 'stories', ref: 'early' });
    expect((await c.waitForOp('error', (x) => x.ref === 'early')).code).toBe('unauthorized');

    const limited = await TestClient.connect(`${url}?token=${await token({ newswire: { kinds: ['arrests'] } })}`);
    limited.send({ op: 'stories', ref: 'limited' });
    expect((await limited.waitForOp('error', (x) => x.ref === 'limited')).code).toBe('forbidden');
    const topicOnly = await TestClient.connect(`${url}?token=${await token({ newswire: { topics: [`${bed.kafka.prefix}.arrests`] } })}`);
    topicOnly.send({ op: 'stories' });
    expect((await topicOnly.waitForOp('error', (x) => x.ref === 'stories')).code).toBe('forbidden');

    await c.hello(await token({ newswire: {} }));
    const l = await listingWhen(c, holdsAll);
    expect(l.stories.map((e) => e.story)).toEqual(expectedOrder());
    expect(limited.of('stories')).toEqual([]);
    for (const x of [c, limited, topicOnly]) x.close();
  });

  it('refuses a malformed request with bad_message, naming its ref', async () => {
    const { url } = await bed.gateway();
    const c = await TestClient.connect(url);
    await c.hello();
    c.send({ op: 'stories', ref: 'x', limit: 5 });
    expect(await c.waitForOp('error', (x) => x.ref === 'x')).toMatchObject({ code: 'bad_message' });
    c.send({ op: 'stories', ref: 'not a ref!' });
    expect(await c.waitForOp('error', (x) => x.ref === 'stories')).toMatchObject({ code: 'bad_message' });
    c.close();
  });

  // Last: it publishes to list-a, which the tests above count.
  it('follows what is published next: the story just updated comes first', async () => {
    const { url } = await bed.gateway();
    const c = await TestClient.connect(url);
    await c.hello();
    await listingWhen(c, holdsAll);
    await bed.pub.publish(makeUpdates(1, { prefix: 'list-a-more', patch: () => ({ story: 'list-a' }) }));
    const l = await listingWhen(c, (x) => x.stories.some((e) => e.story === 'list-a' && e.updates === 4));
    expect(l.stories[0]).toMatchObject({ story: 'list-a', updates: 4 });
    c.close();
  });
});
