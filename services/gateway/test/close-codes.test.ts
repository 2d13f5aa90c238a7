/**
 * Close codes and errors by meaning, through real WebSocket clients against
 * real gateways: every close the gateway sends falls in the range that says
 * what a client should do (closeAction), and every error frame says whether
 * it is temporary. (TestClient also checks each frame against the strict
 * protocol schema, which requires `temporary`.)
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { CLOSE_CODES, closeAction } from '@newswire/protocol';
import { TestClient, gatewayTestbed } from './support.ts';

const SECRET = 'close-codes-test-secret-0123456789abcdef';
const bed = gatewayTestbed();

async function welcomed(url: string): Promise<TestClient> {
  const c = await TestClient.connect(url);
  await c.hello();
  return c;
}

describe('error frames say whether they are temporary', () => {
  it('refusals of what the client sent are not temporary', async () => {
    const { url } = await bed.gateway();
    const c = await welcomed(url);
    c.send('not json');
    c.send({ op: 'teleport' });
    c.send({ op: 'unsubscribe', id: 'never' });
    c.send({ op: 'subscribe', id: 'a', topics: [`${bed.kafka.prefix}.arrests`] });
    await c.waitForOp('subscribed');
    c.send({ op: 'subscribe', id: 'a', topics: [`${bed.kafka.prefix}.arrests`] });
    c.send({ op: 'subscribe', id: 'b', topics: ['nowhere.to.be.found'] });
    await c.waitFor(() => c.of('error').length === 5, 'five errors');
    expect(c.of('error').map((e) => [e.code, e.temporary])).toEqual([
      ['bad_message', false],
      ['unknown_op', false],
      ['unknown_subscription', false],
      ['duplicate_subscription', false],
      ['unknown_topic', false],
    ]);
    c.close();
  });

  it('rate_limited is temporary: the same messages go through later', async () => {
    const { url } = await bed.gateway({ limits: { ratePerSec: 1, burst: 2, abuseBurst: 1_000, abuseRefillPerSec: 0.001 } });
    const c = await welcomed(url);
    for (let i = 0; i < 5; i++) c.send({ op: 'ping', t: i });
    const err = await c.waitForOp('error');
    expect(err).toMatchObject({ code: 'rate_limited', temporary: true });
    c.close();
  });

  it('state_unavailable (a gateway without story state) is not temporary', async () => {
    const { url } = await bed.gateway({ state: { enabled: false } });
    const c = await welcomed(url);
    c.send({ op: 'subscribe', id: 's', snapshot: { story: 'kz' } });
    expect(await c.waitForOp('error')).toMatchObject({ code: 'state_unavailable', temporary: false, ref: 's' });
    c.close();
  });
});

describe('close codes fall in the range that says what to do', () => {
  it('a slow client is cut with 4008 after a lagged frame: reconnect', async () => {
    // A send bound above every control frame this client gets but below one update frame: the first live update lags it.
    const [update] = makeUpdates(1, { prefix: 'cc-lag', stories: 7, patch: () => ({ headline: 'x'.repeat(290) }) });
    const subscribe = { op: 'subscribe', id: 's', filter: { kinds: [update!.kind] } };
    const probe = await welcomed((await bed.gateway({ limits: { maxBufferedBytes: 999_999 } })).url);
    probe.send(subscribe);
    await probe.waitForOp('subscribed');
    const bound = Math.max(...probe.frames.map((f) => Buffer.byteLength(JSON.stringify(f)))) + 1;
    expect(bound, 'an update frame is larger than the control frames').toBeLessThan(Buffer.byteLength(JSON.stringify(update)));
    probe.close();

    const { url } = await bed.gateway({ limits: { maxBufferedBytes: bound } });
    const c = await welcomed(url);
    c.send(subscribe);
    await c.waitForOp('subscribed');
    await bed.pub.publish([update!]);
    const code = await c.waitClosed();
    expect(code).toBe(CLOSE_CODES.lagged);
    expect(closeAction(code)).toBe('reconnect');
    expect(c.of('lagged')).toHaveLength(1);
  });

  it('a frame above maxPayload is closed with 1009 and repeated invalid messages with 1008: terminal', async () => {
    const { url } = await bed.gateway({ limits: { maxPayload: 1024, abuseBurst: 3, abuseRefillPerSec: 0.001 } });
    const big = await welcomed(url);
    big.send('x'.repeat(2048));
    const tooLarge = await big.waitClosed();
    expect(tooLarge).toBe(1009);
    expect(closeAction(tooLarge)).toBe('terminal');

    const abusive = await welcomed(url);
    for (let i = 0; i < 3; i++) abusive.send('not json');
    const policy = await abusive.waitClosed();
    expect(policy).toBe(CLOSE_CODES.policy);
    expect(closeAction(policy)).toBe('terminal');
  });

  it('a refused token is closed with 4103 (terminal), an expired one with 4001 (reconnect with a fresh token)', async () => {
    const { url } = await bed.gateway({ auth: { secret: SECRET }, limits: { authTimeoutMs: 60_000 } });
    const sign = (exp: number, secret = SECRET) =>
      new SignJWT({ newswire: {} }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode(secret));

    const refused = await TestClient.connect(url);
    refused.send({ op: 'hello', v: 1, token: await sign(Math.floor(Date.now() / 1000) + 3600, 'some-other-secret-some-other-secret') });
    expect(await refused.waitForOp('error')).toMatchObject({ code: 'unauthorized', temporary: false });
    const forbidden = await refused.waitClosed();
    expect(forbidden).toBe(CLOSE_CODES.forbidden);
    expect(closeAction(forbidden)).toBe('terminal');

    const expiring = await TestClient.connect(url);
    await expiring.hello(await sign(Math.floor(Date.now() / 1000) + 1));
    const expired = await expiring.waitClosed();
    expect(expired).toBe(CLOSE_CODES.tokenExpired);
    expect(closeAction(expired)).toBe('reconnect');
  });

  it('no token in time is closed with 4103: terminal', async () => {
    const { url } = await bed.gateway({ auth: { secret: SECRET }, limits: { authTimeoutMs: 200 } });
    const c = await TestClient.connect(url);
    const code = await c.waitClosed();
    expect(code).toBe(CLOSE_CODES.forbidden);
    expect(closeAction(code)).toBe('terminal');
  });

  it('a gateway stopping sends shutdown and closes with 1012: reconnect', async () => {
    const { gw, url } = await bed.gateway();
    const c = await welcomed(url);
    c.send({ op: 'subscribe', id: 's' });
    await c.waitForOp('subscribed');
    await gw.stop();
    const code = await c.waitClosed();
    expect(code).toBe(CLOSE_CODES.restart);
    expect(closeAction(code)).toBe('reconnect');
    expect(c.of('shutdown')).toHaveLength(1);
  });
});
