/**
 * The auth matrix: JWT at connect (header, query) or in hello; no token,
 * wrong topic, wrong kind, expired, bad signature, expiry while connected,
 * origin allow-list.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedOfKind } from '@newswire/test-support';
import { closeAction } from '@newswire/protocol';
import { TestClient, gatewayTestbed, upgradeStatus } from './support.ts';

const SECRET = 'test-secret-that-is-long-enough-1234';
const bed = gatewayTestbed();
let url: string;

async function token(claims: Record<string, unknown>, opts: { secret?: string; expSeconds?: number } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('desk-test')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (opts.expSeconds ?? 3600))
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

beforeAll(async () => {
  ({ url } = await bed.gateway({
    auth: { secret: SECRET, allowedOrigins: ['https://desk.example'] },
    limits: { authTimeoutMs: 60_000 },
  }));
});

describe('auth', () => {
  it('accepts a valid token in the Authorization header and delivers allowed topics', async () => {
    const t = await token({ newswire: { topics: [`${bed.kafka.prefix}.arrests`] } });
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${t}` } });
    await c.hello();
    expect(c.of('welcome')[0]!.auth).toMatchObject({ subject: 'desk-test', topics: [`${bed.kafka.prefix}.arrests`] });
    c.send({ op: 'subscribe', id: 'default' });
    const sub = await c.waitForOp('subscribed');
    expect(sub.topics).toEqual([`${bed.kafka.prefix}.arrests`]); // narrowed to the grant
    const u = { ...seedOfKind('arrests'), id: 'auth-arrest-1' };
    await bed.pub.publish([u, { ...seedOfKind('casualties'), id: 'auth-casualty-1' }]);
    await c.waitForOp('update', (f) => f.update.id === 'auth-arrest-1');
    c.close();
  });

  it('refuses subscriptions beyond the grant with forbidden (topic and kind)', async () => {
    const t = await token({ newswire: { topics: [`${bed.kafka.prefix}.arrests`, `${bed.kafka.prefix}.casualties`], kinds: ['arrests'] } });
    const c = await TestClient.connect(`${url}?token=${t}`);
    c.send({ op: 'subscribe', id: 'wrong-topic', topics: [`${bed.kafka.prefix}.government`] });
    expect((await c.waitForOp('error', (e) => e.ref === 'wrong-topic')).code).toBe('forbidden');
    c.send({ op: 'subscribe', id: 'wrong-kind', filter: { kinds: ['casualties'] } });
    expect((await c.waitForOp('error', (e) => e.ref === 'wrong-kind')).code).toBe('forbidden');
    c.send({ op: 'subscribe', id: 'ok', filter: { kinds: ['arrests'] } });
    expect((await c.waitForOp('subscribed', (f) => f.id === 'ok')).topics).toEqual([`${bed.kafka.prefix}.arrests`]);
    c.close();
  });

  it('without a token: the upgrade succeeds but subscribing is unauthorized until hello carries one', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'subscribe', id: 'early' });
    expect((await c.waitForOp('error', (e) => e.ref === 'early')).code).toBe('unauthorized');
    await c.hello(await token({ newswire: {} }));
    c.send({ op: 'subscribe', id: 'later' });
    await c.waitForOp('subscribed', (f) => f.id === 'later');
    c.close();
  });

  it('holds messages pipelined behind a hello until its token is checked', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'hello', v: 1, token: await token({ newswire: {} }) });
    c.send({ op: 'subscribe', id: 'pipelined' });
    await c.waitForOp('subscribed', (f) => f.id === 'pipelined');
    expect(c.of('error')).toEqual([]);
    expect(c.frames[0]!.op).toBe('welcome');
    c.close();
  });

  it('refuses a bad signature, an expired token and a malformed newswire claim with 401', async () => {
    expect(await upgradeStatus(url, { authorization: `Bearer ${await token({ newswire: {} }, { secret: 'another-secret-that-is-long-enough' })}` })).toBe(401);
    expect(await upgradeStatus(`${url}?token=${await token({ newswire: {} }, { expSeconds: -60 })}`)).toBe(401);
    expect(await upgradeStatus(`${url}?token=${await token({ newswire: { topics: `${bed.kafka.prefix}.arrests` } })}`)).toBe(401);
    expect(await upgradeStatus(`${url}?token=${await token({ newswire: { kinds: [''] } })}`)).toBe(401);
    expect(await upgradeStatus(`${url}?token=not.a.jwt`)).toBe(401);
  });

  it('a bad token in hello gets unauthorized (not temporary) and close 4103, in the terminal range', async () => {
    const c = await TestClient.connect(url);
    c.send({ op: 'hello', v: 1, token: await token({ newswire: {} }, { secret: 'another-secret-that-is-long-enough' }) });
    expect(await c.waitForOp('error')).toMatchObject({ code: 'unauthorized', temporary: false });
    const code = await c.waitClosed();
    expect(code).toBe(4103);
    expect(closeAction(code)).toBe('terminal');
  });

  it('closes with 4001 when the token expires', async () => {
    const c = await TestClient.connect(url, { headers: { authorization: `Bearer ${await token({ newswire: {} }, { expSeconds: 2 })}` } });
    c.send({ op: 'subscribe', id: 's' });
    await c.waitForOp('subscribed');
    expect(await c.waitClosed(15_000)).toBe(4001);
  });

  it('checks the Origin allow-list on upgrade', async () => {
    const t = await token({ newswire: {} });
    expect(await upgradeStatus(`${url}?token=${t}`, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${url}?token=${t}`, { origin: 'https://desk.example' })).toBe(101);
    expect(await upgradeStatus(`${url}?token=${t}`)).toBe(101); // non-browser clients send no Origin
  });
});

describe('auth with a JWKS URL', () => {
  it('accepts tokens signed by a key of the set and refuses others', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const { createServer } = await import('node:http');
    const good = await generateKeyPair('ES256');
    const other = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`;
    const { gw: g, url: u } = await bed.gateway({ auth: { jwksUrl, issuer: 'https://issuer.example' } });
    try {
      const sign = (key: CryptoKey, iss = 'https://issuer.example') =>
        new SignJWT({ newswire: { topics: [`${bed.kafka.prefix}.arrests`] } }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(iss).setExpirationTime('1h').sign(key);
      expect(await upgradeStatus(`${u}?token=${await sign(good.privateKey as CryptoKey)}`)).toBe(101);
      expect(await upgradeStatus(`${u}?token=${await sign(other.privateKey as CryptoKey)}`)).toBe(401);
      expect(await upgradeStatus(`${u}?token=${await sign(good.privateKey as CryptoKey, 'https://someone-else.example')}`)).toBe(401);
    } finally {
      await g.stop();
      jwks.close();
    }
  });
});
