/**
 * GATEWAY_MAX_CONNECTIONS holds under concurrent upgrades with JWT auth on
 * (issue 13, bug 3): the slot is reserved before the token is verified, so
 * upgrades waiting on verification count against the limit, and a refused
 * token gives its slot back. Verification goes through a JWKS server that
 * answers slowly (as a real identity provider may on a cold start), so many
 * upgrades are being verified at once.
 */
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningGateway } from '../src/index.ts';
import { gatewayTestbed, sleep } from './support.ts';

const LIMIT = 50;
// No publisher: nothing here reads or writes updates.
const bed = gatewayTestbed({ publisher: false });
let gw: RunningGateway;
let jwks: Server;
let keys: { good: CryptoKey; other: CryptoKey };

beforeAll(async () => {
  const good = await generateKeyPair('ES256');
  const other = await generateKeyPair('ES256');
  keys = { good: good.privateKey as CryptoKey, other: other.privateKey as CryptoKey };
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwks = createServer((_req, res) => {
    void sleep(300).then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  ({ gw } = await bed.gateway({ auth: { jwksUrl }, limits: { maxConnections: LIMIT } }));
});

afterAll(() => {
  jwks?.close();
});

const sign = (key: CryptoKey) => new SignJWT({ newswire: {} }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setExpirationTime('1h').sign(key);

/** Opens an upgrade; resolves with 101 and the open socket, or the refusing HTTP status. */
function upgrade(url: string): Promise<{ status: number; ws: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, ws });
      res.resume();
    });
    ws.once('error', () => resolve({ status: 0, ws }));
  });
}

async function connections(): Promise<number> {
  return ((await (await fetch(`http://127.0.0.1:${gw.port}/readyz`)).json()) as { connections: number }).connections;
}

describe('connection limit with auth on', () => {
  it('accepts at most maxConnections of 200 concurrent upgrades, and frees the slots of refused tokens', async () => {
    const good = await sign(keys.good);
    const bad = await sign(keys.other);
    const base = `ws://127.0.0.1:${gw.port}/`;
    // 200 valid and 50 invalid tokens, interleaved, all at once.
    const urls = Array.from({ length: 250 }, (_, i) => `${base}?token=${i % 5 === 4 ? bad : good}`);
    const results = await Promise.all(urls.map(upgrade));
    const accepted = results.filter((r) => r.status === 101);
    const statuses = new Set(results.map((r) => r.status));
    expect(accepted.length).toBeLessThanOrEqual(LIMIT);
    expect(accepted.length).toBeGreaterThan(0);
    expect([...statuses].every((s) => s === 101 || s === 503 || s === 401)).toBe(true);
    expect(await connections()).toBe(accepted.length);
    // Fill up to the limit: the slots reserved by refused tokens were given back.
    const more = await Promise.all(Array.from({ length: LIMIT - accepted.length }, () => upgrade(`${base}?token=${good}`)));
    expect(more.every((r) => r.status === 101)).toBe(true);
    expect(await connections()).toBe(LIMIT);
    expect((await upgrade(`${base}?token=${good}`)).status).toBe(503);
    for (const r of [...results, ...more]) r.ws.terminate();
  });
});
