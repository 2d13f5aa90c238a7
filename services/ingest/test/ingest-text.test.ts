/**
 * Issue 13, risk "text that can deceive a reader", at the HTTP edge: invalid
 * UTF-8 used to be replaced silently with U+FFFD and published; deceptive
 * characters were published as sent. Real HTTP, real ingest, real dev broker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, openAdmin, readAll, startKafka, totalMessages, type TestKafka } from '@newswire/test-support';
import { startIngest, type RunningIngest } from '../src/index.ts';
import { post, quietLogger } from './support.ts';

let kafka: TestKafka;
let admin: Awaited<ReturnType<typeof openAdmin>>;
let ingest: RunningIngest;

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  ingest = await startIngest({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: quietLogger(), partitions: 3 });
});

afterAll(async () => {
  await ingest?.stop();
  await admin?.close();
  await kafka?.stop();
});

/** The JSON of an update whose headline carries the given raw bytes in its middle. */
function withBytes(update: unknown, bad: number[]): Buffer {
  const [head, tail] = JSON.stringify({ ...(update as object), headline: 'Protests @@ in Almaty' }).split('@@') as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]);
}

describe('invalid UTF-8 is refused with its position, never replaced', () => {
  it('a JSON body: 400 naming the byte offset and line, nothing published', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const [u] = makeUpdates(1);
    const body = withBytes(u, [0xc3, 0x28]); // 0xC3 must be followed by a continuation byte
    const offset = body.indexOf(0xc3);
    const r = await post(ingest.url, body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(`body is not valid UTF-8 at byte ${offset} (line 1); nothing was published`);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('NDJSON: the bad line is reported by line number and byte offset in the line, with the other lines checked too', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const [a, b, c] = makeUpdates(3);
    const bad = withBytes(b, [0xff]);
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(a)}\n\n`), bad, Buffer.from(`\n${JSON.stringify({ ...c, kind: 'weather' })}\n`)]);
    const r = await post(ingest.url, body, { 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { index: 1, line: 3, path: '(root)', message: `not valid UTF-8 at byte ${bad.indexOf(0xff)} of the line` },
      { index: 2, line: 4, path: 'kind', message: expect.stringMatching(/^must be one of/) },
    ]);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('valid multi-byte text and a leading byte order mark are accepted', async () => {
    const [u] = makeUpdates(1);
    const json = JSON.stringify({ ...u, headline: 'Тоқаев: 4 400 ұсталды' });
    const r = await post(ingest.url, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    expect(r.status).toBe(202);
    const nd = await post(ingest.url, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(makeUpdates(1)[0]))]), { 'content-type': 'application/x-ndjson' });
    expect(nd.status).toBe(202);
  });
});

describe('deceptive text over HTTP', () => {
  it('refuses a bidi override, naming field and code point, and publishes nothing', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const [u] = makeUpdates(1);
    const r = await post(ingest.url, JSON.stringify({ ...u, headline: 'Official: \u202eexe.fdp' }));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { index: 0, path: 'headline', message: 'must not contain U+202E RIGHT-TO-LEFT OVERRIDE (a bidi control: it changes the order in which text is displayed) at character 11' },
    ]);
    // A lone surrogate can only arrive as a JSON escape (JSON.stringify writes it as \ud800): refused too.
    const s = await post(ingest.url, JSON.stringify({ ...u, headline: 'Casualties \ud800 reported' }));
    expect(s.status).toBe(400);
    expect(JSON.stringify(s.body.errors)).toContain('U+D800');
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('stores text NFC-normalised', async () => {
    const [u] = makeUpdates(1);
    const r = await post(ingest.url, JSON.stringify({ ...u, headline: 'Cafe\u0301 owners detained' }));
    expect(r.status).toBe(202);
    const stored = (await readAll(kafka.brokers, kafka.topics)).find((x) => x.update.id === u!.id)!;
    expect(stored.update.headline).toBe('Caf\u00e9 owners detained');
  });
});
