/**
 * The ingest service over real HTTP against a real broker: single, array and
 * NDJSON bodies, auth, body limit, 400 body shape, duplicate ids, metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type TestKafka } from '@newswire/test-support';
import { expectedV2, makeUpdates, readV1Log, toNdjson } from '@newswire/test-support';
import { openAdmin, readAll, totalMessages, type TestAdmin } from '@newswire/test-support';
import { createLogger } from '@newswire/config';
import { topicForKind } from '@newswire/schema/v2';
import { startIngest, type RunningIngest } from '../src/index.ts';

const TOKEN = 'test-token-0123456789abcdef';
let kafka: TestKafka;
let admin: TestAdmin;
let ingest: RunningIngest;
let open: RunningIngest;

interface Posted {
  status: number;
  body: Record<string, unknown>;
}

async function post(target: RunningIngest, body: string, headers: Record<string, string> = {}): Promise<Posted> {
  const res = await fetch(`${target.url}/v1/updates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  const logger = createLogger('ingest-test', { level: 'warn' });
  ingest = await startIngest({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, token: TOKEN, maxBodyBytes: 64 * 1024, logger, partitions: 3 });
  open = await startIngest({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, maxBodyBytes: 64 * 1024, logger, partitions: 3 });
});

afterAll(async () => {
  await ingest?.stop();
  await open?.stop();
  await admin?.close();
  await kafka?.stop();
});

describe('POST /v1/updates', () => {
  it('accepts v1 updates (schema 1) and publishes each as its v2 upcast, with v2 headers', async () => {
    const v1 = readV1Log().slice(0, 5).map((r) => ({ ...(JSON.parse(r.value) as Record<string, unknown>), id: `ingest-v1-${JSON.parse(r.value).id as string}` }));
    const r = await post(ingest, JSON.stringify(v1));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const stored = (await readAll(kafka.brokers, kafka.topics)).filter((x) => x.update.id.startsWith('ingest-v1-'));
    expect(stored).toHaveLength(5);
    const expected = expectedV2();
    for (const x of stored) {
      expect(x.from).toBe(2);
      expect(x.headers.ce_type).toBe(`org.newswire.${x.update.kind}.v2`);
      expect(x.update).toEqual({ ...expected.get(x.update.id.slice('ingest-v1-'.length)), id: x.update.id });
    }
    // A v1 update is judged by v1's rules: its errors are v1's.
    const bad = await post(ingest, JSON.stringify({ ...v1[0], reportedAt: 'yesterday' }));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[])[0]!.path).toBe('reportedAt');
  });

  it('accepts one update with 202 and its position, as written to Kafka', async () => {
    const [u] = makeUpdates(1);
    const r = await post(ingest, JSON.stringify(u));
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const [pos] = r.body.positions as { id: string; topic: string; partition: number; offset: string }[];
    expect(pos).toMatchObject({ id: u!.id, topic: topicForKind(u!.kind, kafka.prefix) });
    const rec = (await readAll(kafka.brokers, [pos!.topic])).find((x) => x.update.id === u!.id)!;
    expect({ partition: rec.partition, offset: rec.offset }).toEqual({ partition: pos!.partition, offset: pos!.offset });
    expect(rec.update).toEqual(u);
    expect(rec.headers.ce_source).toBe('/newswire/ingest');
  });

  it('accepts a JSON array and NDJSON', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const arr = makeUpdates(10, { stories: 3 });
    const a = await post(ingest, JSON.stringify(arr));
    expect(a.status).toBe(202);
    expect((a.body.positions as { id: string }[]).map((p) => p.id)).toEqual(arr.map((u) => u.id));
    const nd = makeUpdates(7, { stories: 2 });
    const n = await post(ingest, toNdjson(nd), { 'content-type': 'application/x-ndjson' });
    expect(n.status).toBe(202);
    expect(n.body.accepted).toBe(7);
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 17);
  });

  it('requires the bearer token when configured: none and wrong get 401, right gets 202; no token configured needs none', async () => {
    const [u] = makeUpdates(1);
    const before = await totalMessages(admin, kafka.topics);
    const none = await fetch(`${ingest.url}/v1/updates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(u) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(ingest, JSON.stringify(u), { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
    const right = await post(ingest, JSON.stringify(u));
    expect(right.status).toBe(202);
    const [v] = makeUpdates(1);
    const openRes = await fetch(`${open.url}/v1/updates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(v) });
    expect(openRes.status).toBe(202);
  });

  it('refuses a body over the limit with 413 and publishes nothing', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const many = makeUpdates(400); // ~200 KB, limit 64 KB
    const r = await post(ingest, JSON.stringify(many));
    expect(r.status).toBe(413);
    expect(String(r.body.error)).toMatch(/limit/);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('answers invalid items with 400 naming each bad item and field, and publishes none of the request', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const items: unknown[] = makeUpdates(5, { kinds: ['arrests'] });
    items[1] = { ...(items[1] as object), place: { country: 'kz', extent: 'whole' } };
    items[3] = { ...(items[3] as object), payload: { count: { value: -1, qualifier: 'more-than', scope: 'incident' } } };
    const r = await post(ingest, JSON.stringify(items));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/2 invalid update\(s\); nothing was published/);
    expect(r.body.errors).toEqual([
      { index: 1, path: 'place.country', message: expect.stringMatching(/ISO 3166-1/) },
      { index: 3, path: 'payload.count.value', message: 'must not be negative' },
    ]);
    const nd = makeUpdates(3);
    const body = `${JSON.stringify(nd[0])}\n{oops\n${JSON.stringify({ ...nd[1], kind: 'weather' })}\n`;
    const n = await post(ingest, body, { 'content-type': 'application/x-ndjson' });
    expect(n.status).toBe(400);
    expect(n.body.errors).toEqual([
      { index: 1, line: 2, path: '(root)', message: expect.stringMatching(/^not valid JSON/) },
      { index: 2, line: 3, path: 'kind', message: expect.stringMatching(/^must be one of arrests/) },
    ]);
    const malformed = await post(ingest, '{"schema":');
    expect(malformed.status).toBe(400);
    const wrongType = await post(ingest, 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    expect(await totalMessages(admin, kafka.topics)).toBe(before);
  });

  it('does not publish a repeated id twice: the repeat gets the original position', async () => {
    const updates = makeUpdates(3);
    const first = await post(ingest, JSON.stringify(updates));
    expect(first.status).toBe(202);
    const before = await totalMessages(admin, kafka.topics);
    const again = await post(ingest, JSON.stringify([updates[1], ...makeUpdates(1), updates[1]]));
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 2 });
    const positions = again.body.positions as { id: string; offset: string; duplicate?: boolean }[];
    const original = (first.body.positions as { id: string; offset: string }[])[1]!;
    expect(positions[0]).toEqual({ ...original, duplicate: true });
    expect(positions[2]).toEqual({ ...original, duplicate: true });
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 1);
    // Concurrent requests with the same id publish it once.
    const [c] = makeUpdates(1);
    const before2 = await totalMessages(admin, kafka.topics);
    const results = await Promise.all(Array.from({ length: 5 }, () => post(ingest, JSON.stringify(c))));
    expect(results.every((x) => x.status === 202)).toBe(true);
    expect(results.filter((x) => x.body.accepted === 1)).toHaveLength(1);
    expect(await totalMessages(admin, kafka.topics)).toBe(before2 + 1);
    const copies = (await readAll(kafka.brokers, kafka.topics)).filter((x) => x.update.id === c!.id);
    expect(copies).toHaveLength(1);
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const h = await fetch(`${ingest.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({ status: 'ok' });
    const m = await fetch(`${ingest.url}/metrics`);
    expect(m.status).toBe(200);
    const text = await m.text();
    expect(text).toMatch(/newswire_ingest_http_requests_total\{route="\/v1\/updates",status="202"\} \d+/);
    expect(text).toMatch(/newswire_ingest_updates_accepted_total [1-9]\d*/);
    expect(text).toMatch(/newswire_ingest_updates_rejected_total [1-9]\d*/);
    expect(text).toMatch(/newswire_ingest_updates_duplicate_total [1-9]\d*/);
    expect(text).toContain('newswire_ingest_publish_duration_seconds_bucket');
    expect((await fetch(`${ingest.url}/nope`)).status).toBe(404);
    expect((await fetch(`${ingest.url}/v1/updates`)).status).toBe(405);
  });

  it('stops gracefully: in-flight requests complete, then new connections are refused', async () => {
    const extra = await startIngest({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, logger: createLogger('t', { level: 'warn' }) });
    const updates = makeUpdates(50, { stories: 5 });
    const inflight = fetch(`${extra.url}/v1/updates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(updates) });
    await new Promise((r) => setTimeout(r, 5));
    const stopped = extra.stop();
    const res = await inflight.catch((e: unknown) => e);
    await stopped;
    // Either it was accepted (and flushed) or refused before reading; never a half-published request.
    const published = (await readAll(kafka.brokers, kafka.topics)).filter((x) => updates.some((u) => u.id === x.update.id)).length;
    if (res instanceof Response && res.status === 202) expect(published).toBe(50);
    else expect(published).toBe(0);
    await expect(fetch(`${extra.url}/healthz`)).rejects.toThrow();
  });
});
