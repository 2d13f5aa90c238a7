/**
 * Protocol edge cases found by a client written from the docs (issue 13,
 * bug 4): the close grace comes from GATEWAY_CLOSE_GRACE_MS and a fully
 * stalled client resumes from its own cursor; rate_limited errors count the
 * frames dropped; the abuseBurst-th strike closes; schema errors name the
 * subscription; welcome.auth.expiresAt is epoch milliseconds.
 */
import type { Socket } from 'node:net';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@newswire/config';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { gatewayOptionsFromConfig } from '../src/index.ts';
import { CursorTracker, TestClient, countIds, gatewayTestbed, metricValue, publishInBackground, quietLogger } from './support.ts';

const SECRET = 'edges-test-secret-long-enough-3456';
const bed = gatewayTestbed();

describe('close grace', () => {
  it('comes from GATEWAY_CLOSE_GRACE_MS (default 10 s)', () => {
    const env = (extra: Record<string, string>) => loadConfig(['common', 'kafka', 'gateway'], { env: { ...bed.kafka.env, ...extra } });
    expect(gatewayOptionsFromConfig(env({ GATEWAY_CLOSE_GRACE_MS: '250' })).limits?.closeGraceMs).toBe(250);
    expect(gatewayOptionsFromConfig(env({})).limits?.closeGraceMs).toBe(10_000);
    expect(() => env({ GATEWAY_CLOSE_GRACE_MS: 'soon' })).toThrow(/GATEWAY_CLOSE_GRACE_MS/);
  });

  it('a fully stalled client is cut when the grace expires and resumes from its own cursor with no loss or duplicate', { timeout: 120_000 }, async () => {
    const cfg = loadConfig(['common', 'kafka', 'gateway'], {
      env: { ...bed.kafka.env, GATEWAY_PORT: '0', GATEWAY_CLOSE_GRACE_MS: '300', GATEWAY_MAX_BUFFERED_BYTES: String(64 * 1024) },
    });
    const { url } = await bed.gateway({ ...gatewayOptionsFromConfig(cfg), logger: quietLogger() });
    const prefix = `stalled-${Date.now()}`;
    const total = 12_000; // well past what the kernel's socket buffers absorb (about 4 MiB on loopback)
    const stalled = await TestClient.connect(url);
    await stalled.hello();
    stalled.send({ op: 'subscribe', id: 's' });
    await stalled.waitForOp('subscribed');
    const cursor = new CursorTracker(stalled, 's');
    const socket = (stalled.ws as unknown as { _socket: Socket })._socket;
    socket.pause(); // reads nothing from here on
    await publishInBackground(bed.pub, makeUpdates(total, { prefix, stories: 7 }), 200, 0).done;
    const port = Number(new URL(url).port);
    // The gateway cut it (lagged) and, the client taking nothing, terminated it after the grace.
    await waitFor(async () => (await metricValue(port, 'newswire_gateway_lagged_clients_total')) >= 1, 'the gateway to cut the client (lagged)');
    await waitFor(async () => (await metricValue(port, 'newswire_gateway_connections')) === 0, 'the gateway to terminate the cut socket');
    // Reading again, the client finds what reached it before the cut, then the TCP close: no
    // `lagged` (it was still queued behind the unread bytes) and 1006.
    socket.resume();
    expect(await stalled.waitClosed(30_000)).toBe(1006);
    expect(stalled.of('lagged')).toEqual([]);
    const got = stalled.updateIds();
    expect(countIds([got], prefix).unique).toBeLessThan(total);
    // Its own cursor (last update processed + 1) is where it resumes.
    const resumed = await TestClient.connect(url);
    resumed.send({ op: 'subscribe', id: 's', from: { positions: cursor.positions(), epoch: stalled.of('welcome')[0]!.epoch } });
    // A cheap predicate: it runs on each of thousands of frames.
    await resumed.waitFor(() => resumed.frames.at(-1)?.op === 'live', 'catch-up to finish', 90_000);
    expect(countIds([got, resumed.updateIds()], prefix).unique).toBe(total);
    expect(countIds([got, resumed.updateIds()], prefix).duplicates).toEqual([]);
    resumed.close();
  });
});

describe('catch-up under a small send bound', () => {
  it('paces a reading client instead of cutting it when the bound is below the replay low-water mark', { timeout: 120_000 }, async () => {
    const { url } = await bed.gateway({ limits: { maxBufferedBytes: 64 * 1024 } });
    const prefix = `small-bound-${Date.now()}`;
    const total = 3000; // about 2 MiB of frames: far more than the bound
    await publishInBackground(bed.pub, makeUpdates(total, { prefix, stories: 7 }), 200, 0).done;
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 's', from: 'earliest' });
    await c.waitFor(() => c.closeCode !== null || c.frames.at(-1)?.op === 'live', 'live (or a cut)', 90_000);
    expect(c.of('lagged')).toEqual([]);
    expect(countIds([c.updateIds()], prefix)).toEqual({ unique: total, duplicates: [] });
    c.close();
  });
});

describe('rate limit and strikes', () => {
  it('rate_limited errors carry the number of messages dropped, which add up to every drop', async () => {
    const { url } = await bed.gateway({ limits: { ratePerSec: 1, burst: 1, abuseBurst: 1_000, abuseRefillPerSec: 0.001 } });
    const c = await TestClient.connect(url);
    const sent = 12;
    for (let i = 0; i < sent; i++) c.send({ op: 'ping', t: i });
    // Every message is either answered (pong) or counted as dropped, the last drops included.
    const accounted = () => c.of('pong').length + c.of('error').filter((e) => e.code === 'rate_limited').reduce((n, e) => n + Number(e.dropped ?? 0), 0);
    await c.waitFor(() => accounted() === sent, `all ${sent} messages accounted for`, 10_000);
    const errors = c.of('error').filter((e) => e.code === 'rate_limited');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(sent - c.of('pong').length + 1);
    for (const e of errors) expect(Number.isInteger(e.dropped) && (e.dropped as number) > 0).toBe(true);
    expect(c.closeCode).toBeNull();
    c.close();
  });

  it('closes 1008 on the abuseBurst-th strike, not the one after', async () => {
    const { url } = await bed.gateway({ limits: { abuseBurst: 10, abuseRefillPerSec: 0.001 } });
    const c = await TestClient.connect(url);
    for (let i = 0; i < 9; i++) c.send('garbage');
    c.send({ op: 'ping', t: 9 });
    await c.waitForOp('pong'); // nine strikes: still open
    expect(c.of('error').length).toBe(9);
    c.send('garbage'); // the tenth
    expect(await c.waitClosed(10_000)).toBe(1008);
    expect(c.of('error').length).toBe(10);
  });
});

describe('errors and welcome', () => {
  it('a subscribe refused by the schema names the subscription in ref', async () => {
    const { url } = await bed.gateway();
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'bad-filter', filter: { kinds: ['weather'] } });
    c.send({ op: 'subscribe', id: 'bad-from', from: 'tomorrow' });
    c.send({ op: 'subscribe', id: 'x'.repeat(65) }); // the id itself is invalid: not echoed
    expect((await c.waitForOp('error', (e) => e.ref === 'bad-filter')).code).toBe('bad_message');
    expect((await c.waitForOp('error', (e) => e.ref === 'bad-from')).code).toBe('bad_message');
    expect((await c.waitForOp('error', (e) => e.ref === 'subscribe')).code).toBe('bad_message');
    c.close();
  });

  it('welcome.auth.expiresAt is the token exp in epoch milliseconds', async () => {
    const { url } = await bed.gateway({ auth: { secret: SECRET } });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const t = await new SignJWT({ newswire: {} }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode(SECRET));
    const c = await TestClient.connect(`${url}?token=${t}`);
    await c.hello();
    expect(c.of('welcome')[0]!.auth!.expiresAt).toBe(exp * 1000);
    c.close();
  });
});
