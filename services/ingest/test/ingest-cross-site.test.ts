/**
 * Issue 13, risk "cross-site writes to an open ingest": with no token (the
 * default), a page on another origin could publish with fetch(no-cors) or
 * sendBeacon, and a body without a content-type was taken as JSON. Requests
 * are shaped here as a browser sends them (Origin, Sec-Fetch-*, the content
 * types a page may send without a CORS preflight) against a real open ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, openAdmin, startKafka, totalMessages, type TestKafka } from '@newswire/test-support';
import { startIngest, type RunningIngest } from '../src/index.ts';
import { post, quietLogger } from './support.ts';

let kafka: TestKafka;
let admin: Awaited<ReturnType<typeof openAdmin>>;
let open: RunningIngest;

const browser = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' };

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  open = await startIngest({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: quietLogger(), partitions: 3 });
});

afterAll(async () => {
  await open?.stop();
  await admin?.close();
  await kafka?.stop();
});

function noCorsHeaders(h: Headers): void {
  for (const name of h.keys()) expect(name).not.toMatch(/^access-control-/);
}

describe('an open ingest refuses what a web page can send', () => {
  it('refuses a body without a content-type (415), naming the accepted types', async () => {
    const before = await totalMessages(admin, kafka.topics);
    // fetch() with a Uint8Array body sends no content-type, as sendBeacon(url, arrayBuffer) does.
    const r = await post(open.url, new TextEncoder().encode(JSON.stringify(makeUpdates(1)[0])), {});
    expect(r.status).toBe(415);
    expect(r.body.error).toBe('content-type must be application/json or application/x-ndjson (none was given)');
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('refuses fetch(no-cors) and sendBeacon shapes: no content-type or a CORS-safelisted one, with a foreign Origin', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const json = JSON.stringify(makeUpdates(1)[0]);
    for (const type of [undefined, 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post(open.url, new TextEncoder().encode(json), { ...browser, ...(type ? { 'content-type': type } : {}) });
      expect([403, 415], `content-type ${type}`).toContain(r.status);
      noCorsHeaders(r.headers);
    }
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('refuses any request carrying an Origin header with 403: ingest is not for browsers', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const r = await post(open.url, JSON.stringify(makeUpdates(1)[0]), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/browser/);
    noCorsHeaders(r.headers);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('refuses a charset other than UTF-8 (415) and accepts charset=utf-8', async () => {
    const [u, v] = makeUpdates(2);
    const latin = await post(open.url, JSON.stringify(u), { 'content-type': 'application/json; charset=iso-8859-1' });
    expect(latin.status).toBe(415);
    expect(latin.body.error).toMatch(/charset must be utf-8/);
    const utf8 = await post(open.url, JSON.stringify(v), { 'content-type': 'Application/JSON; Charset="UTF-8"' });
    expect(utf8.status).toBe(202);
  });

  it('answers a CORS preflight without allowing anything', async () => {
    const res = await fetch(`${open.url}/v1/updates`, {
      method: 'OPTIONS',
      headers: { ...browser, 'sec-fetch-mode': 'cors', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(405);
    noCorsHeaders(res.headers);
  });

  it('sends no CORS headers on any answer', async () => {
    const ok = await post(open.url, JSON.stringify(makeUpdates(1)[0]));
    expect(ok.status).toBe(202);
    noCorsHeaders(ok.headers);
    const bad = await post(open.url, '{}');
    expect(bad.status).toBe(400);
    noCorsHeaders(bad.headers);
    noCorsHeaders((await fetch(`${open.url}/healthz`)).headers);
  });
});
