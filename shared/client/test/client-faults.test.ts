/**
 * The SDK under the gateway's own fault signals, against real gateways on a
 * real broker: cut as a slow reader (lagged + close 4008) and resumed from the
 * positions the gateway sent; a token that expires (close 4001) refreshed
 * through getToken(); a refused token (4103) ends the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { startGateway, type RunningGateway } from '@newswire/gateway';
import { createLogger } from '@newswire/config';
import { connect, type Delivery, type LaggedNotice, type NewswireClient, type StateChange, type WebSocketConstructor } from '@newswire/client';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const quiet = createLogger('gateway', { level: process.env.LOG_LEVEL ?? 'warn' });
const SECRET = 'sdk-test-secret-0123456789abcdef0123456789';

/** A `ws` WebSocket the test can stop reading from, like a frozen browser tab. */
const sockets: PausableWS[] = [];
class PausableWS extends WebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

const gwCutUs = (states: StateChange[]) => states.some((s) => s.state === 'reconnecting');

let env: SdkEnv;
const gateways: RunningGateway[] = [];
const clients: NewswireClient[] = [];

async function token(ttlSeconds: number, claim: object = {}): Promise<string> {
  return new SignJWT({ newswire: claim })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('sdk-test')
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(SECRET));
}

beforeAll(async () => {
  env = await startSdkEnv();
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const g of gateways) await g.stop();
  await env?.stop();
});

describe('client SDK under gateway faults', () => {
  it('cut as a slow reader (lagged, 4008): resumes from the positions sent, no loss, no duplicate', async () => {
    // The frozen client answers no ping and reads no close until the publishing below is done, which
    // takes tens of seconds on a busy shared broker: the heartbeat and the close grace must not end
    // its socket first (the client would see 1006, not the lag cut).
    const patient = { heartbeatMs: 600_000, closeGraceMs: 600_000 };
    const gw = await startGateway({ host: '127.0.0.1', port: 0, brokers: env.kafka.brokers, topicPrefix: env.kafka.prefix, limits: { maxBufferedBytes: 32 * 1024, ...patient }, logger: quiet });
    gateways.push(gw);
    const c = connect({
      url: `ws://127.0.0.1:${gw.port}`,
      WebSocket: PausableWS as unknown as WebSocketConstructor,
      reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    });
    clients.push(c);
    const states: StateChange[] = [];
    c.on('state', (s) => states.push(s));
    const got: Delivery[] = [];
    const lagged: LaggedNotice[] = [];
    const sub = c.subscribe();
    sub.on('update', (d) => got.push(d));
    sub.on('lagged', (l) => lagged.push(l));
    await c.ready();

    // Stop reading. Once the kernel's socket buffers are full, the gateway's
    // own send buffer for us passes 32 KB and it must cut us (lagged, 4008).
    const frozen = sockets.at(-1)!;
    frozen.pause();
    const updates = [];
    const cutSent = () => gwCutUs(states) || frozen.readyState !== WebSocket.OPEN;
    while (updates.length < 40_000) {
      const batch = makeUpdates(500, { stories: 7 }); // a fresh prefix per batch: ids unique
      updates.push(...batch);
      await env.publisher.publishValidated(batch);
      // The cut is only seen once we read again; the server side shows it as
      // a socket it stopped writing to: keep publishing until the kernel
      // buffers are surely full (several MB), then read.
      if (updates.length >= 15_000 || cutSent()) break;
    }
    frozen.resume();

    await waitFor(() => new Set(got.map((d) => d.update.id)).size >= updates.length, 'every update after the lag', 60_000);
    const ids = got.map((d) => d.update.id);
    expect(ids.length, 'no duplicate').toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(updates.map((u) => u.id)));
    const cut = states.find((s) => s.state === 'reconnecting');
    expect(cut?.code).toBe(4008);
    expect(lagged.some((l) => l.source === 'server' && l.positions.length > 0)).toBe(true);
    expect(states.filter((s) => s.state === 'live' && s.resumed).length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('refreshes an expiring token with getToken() and keeps delivering without loss', async () => {
    const gw = await startGateway({ host: '127.0.0.1', port: 0, brokers: env.kafka.brokers, topicPrefix: env.kafka.prefix, auth: { secret: SECRET }, logger: quiet });
    gateways.push(gw);
    let issued = 0;
    const c = connect({
      url: `ws://127.0.0.1:${gw.port}`,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      token: await token(2),
      getToken: () => {
        issued += 1;
        return token(2);
      },
      reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    });
    clients.push(c);
    const states: StateChange[] = [];
    c.on('state', (s) => states.push(s));
    const got: Delivery[] = [];
    c.subscribe().on('update', (d) => got.push(d));
    await c.ready();
    const updates = makeUpdates(300, { prefix: 'tok', stories: 7 });
    // Publish over ~4.5 s: each 2 s token expires at least once meanwhile.
    for (let i = 0; i < updates.length; i += 20) {
      await env.publisher.publishValidated(updates.slice(i, i + 20));
      await new Promise((r) => setTimeout(r, 300));
    }
    await waitFor(() => got.length >= updates.length, 'every update across token refreshes', 60_000);
    expect(issued).toBeGreaterThanOrEqual(1);
    expect(states.some((s) => s.state === 'reconnecting' && s.code === 4001)).toBe(true);
    const ids = got.map((d) => d.update.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(updates.map((u) => u.id)));
  }, 120_000);

  it('a token with a bad signature ends the client (closed, 4103: terminal range) instead of retrying forever', async () => {
    const gw = gateways.at(-1)!;
    const forged = await new SignJWT({ newswire: {} })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-000000'));
    const c = connect({ url: `ws://127.0.0.1:${gw.port}`, WebSocket: WebSocket as unknown as WebSocketConstructor, token: forged });
    clients.push(c);
    const sub = c.subscribe();
    const closed = await new Promise<StateChange>((resolve) => c.on('state', (s) => s.state === 'closed' && resolve(s)));
    expect(closed.code).toBe(4103);
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toThrow();
  }, 60_000);
});
