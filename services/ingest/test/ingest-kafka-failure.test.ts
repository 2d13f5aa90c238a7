/**
 * Issue 13, risk "ingest retries duplicate": with the broker killed during a
 * 1,500-update request, ingest answered 503 after 37 s although 1,240 were
 * already stored, and retrying as told stored them twice. Now a 503 says per
 * update whether it was stored (with its position), failed, or is still
 * pending, it comes within INGEST_PUBLISH_TIMEOUT_MS, and retrying the same
 * request stores every update exactly once.
 *
 * The dev broker runs in this process so it can be stopped mid-request and
 * started again on the same port and data; this file always uses it (an
 * external cluster cannot be stopped from a test).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@newswire/broker';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { NEWSWIRE_TOPICS } from '@newswire/schema';
import type { Update } from '@newswire/schema/v2';
import { makeUpdates, openAdmin, readAll, totalMessages } from '@newswire/test-support';
import { startIngest, type RunningIngest } from '../src/index.ts';
import { createLogger } from '@newswire/config';
import { post, type Posted } from './support.ts';

/** kafkajs logs every refused connection as an error while the broker is down: expected here. */
const quietLogger = () => createLogger('ingest-kill-test', { level: 'fatal' });

let dataDir: string;
let broker: RunningBroker | undefined;
let port: number;
let brokers: string[];

const launch = async (p: number) => startBroker({ host: '127.0.0.1', port: p, dataDir, logger: quietLogger() });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'newswire-ingest-kill-'));
  broker = await launch(0);
  port = broker.port;
  brokers = [`127.0.0.1:${port}`];
});

afterAll(async () => {
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function storedCount(): Promise<number> {
  const admin = await openAdmin(brokers);
  try {
    return await totalMessages(admin, NEWSWIRE_TOPICS);
  } finally {
    await admin.close();
  }
}

interface Result {
  id: string;
  status: 'stored' | 'failed' | 'pending';
  topic?: string;
  partition?: number;
  offset?: string;
  duplicate?: boolean;
}

/** Retries the same request as the docs say (Retry-After), until it is accepted; bounded. */
async function retryUntilAccepted(url: string, body: string): Promise<Posted> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const r = await post(url, body);
    if (r.status !== 503) return r;
    await new Promise((done) => setTimeout(done, 1000));
  }
  throw new Error('still 503 after 30 retries');
}

/** Every update of the request is in Kafka exactly once. */
async function expectEachOnce(updates: readonly Update[]): Promise<Map<string, { topic: string; partition: number; offset: string }>> {
  const wanted = new Set(updates.map((u) => u.id));
  const seen = new Map<string, { topic: string; partition: number; offset: string }>();
  const copies = new Map<string, number>();
  for (const r of await readAll(brokers, NEWSWIRE_TOPICS)) {
    if (!wanted.has(r.update.id)) continue;
    copies.set(r.update.id, (copies.get(r.update.id) ?? 0) + 1);
    seen.set(r.update.id, { topic: r.topic, partition: r.partition, offset: r.offset });
  }
  const twice = [...copies].filter(([, n]) => n > 1).map(([id]) => id);
  expect(twice, 'stored more than once').toEqual([]);
  expect(seen.size, 'updates missing from Kafka').toBe(updates.length);
  return seen;
}

describe('Kafka fails during a request', { timeout: 120_000 }, () => {
  it('broker stopped mid-request: 503 tells stored from not stored; a retry stores each update exactly once', async () => {
    // Small produce requests so one HTTP request needs many of them, and the fewest retries
    // (an idempotent producer needs one) so what Kafka did not acknowledge fails soon.
    const publisher: Publisher = await createPublisher({ brokers, logger: quietLogger(), clientId: 'ingest-kill', partitions: 3, maxRequestBytes: 4000, retries: 1, kafkaRetries: 0 });
    const ingest: RunningIngest = await startIngest({ host: '127.0.0.1', port: 0, brokers, logger: quietLogger(), publisher, publishTimeoutMs: 60_000 });
    try {
      const updates = makeUpdates(1500, { stories: 40 });
      const body = JSON.stringify(updates);
      const before = await storedCount();
      const answer = post(ingest.url, body);
      // Stop the broker as soon as the first produce requests of this request are in.
      const admin = await openAdmin(brokers);
      while ((await totalMessages(admin, NEWSWIRE_TOPICS)) === before) await new Promise((done) => setImmediate(done));
      await admin.close();
      await broker!.stop();
      broker = undefined;

      const first = await answer;
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('1');
      const results = first.body.results as Result[];
      expect(results.map((r) => r.id)).toEqual(updates.map((u) => u.id));
      const stored = results.filter((r) => r.status === 'stored');
      const failed = results.filter((r) => r.status === 'failed');
      expect(stored.length, 'some updates were stored before the broker stopped').toBeGreaterThan(0);
      expect(failed.length, 'some were not').toBeGreaterThan(0);
      expect(stored.length + failed.length).toBe(1500);
      expect(first.body).toMatchObject({ stored: stored.length, duplicates: 0, failed: failed.length, pending: 0 });
      expect(String(first.body.error)).toContain(`${stored.length} of 1500 update(s) stored`);

      broker = await launch(port);
      const retry = await retryUntilAccepted(ingest.url, body);
      expect(retry.status).toBe(202);
      expect(retry.body).toMatchObject({ accepted: failed.length, duplicates: stored.length });
      const positions = retry.body.positions as Result[];
      // What the 503 reported as stored is answered with the same positions, as duplicates.
      for (const s of stored) expect(positions.find((p) => p.id === s.id)).toEqual({ id: s.id, topic: s.topic, partition: s.partition, offset: s.offset, duplicate: true });

      const inKafka = await expectEachOnce(updates);
      for (const s of stored) expect(inKafka.get(s.id)).toEqual({ topic: s.topic, partition: s.partition, offset: s.offset });
    } finally {
      await ingest.stop();
      await publisher.close();
    }
  });

  it('Kafka unreachable: 503 within the publish timeout with every update pending; a retry once it is back stores each exactly once', async () => {
    const ingest = await startIngest({ host: '127.0.0.1', port: 0, brokers, logger: quietLogger(), partitions: 3, publishTimeoutMs: 1000 });
    try {
      await broker!.stop();
      broker = undefined;
      const updates = makeUpdates(50, { stories: 5 });
      const body = JSON.stringify(updates);
      // Generous next to the 1 s timeout; kafkajs alone would retry for tens of seconds.
      const first = await post(ingest.url, body, { 'content-type': 'application/json' }, 15_000);
      expect(first.status).toBe(503);
      expect(first.body).toMatchObject({ stored: 0, failed: 0, pending: 50 });
      expect((first.body.results as Result[]).every((r) => r.status === 'pending')).toBe(true);
      const health = (await (await fetch(`${ingest.url}/healthz`)).json()) as { pendingUpdates: number };
      expect(health.pendingUpdates).toBe(50);

      broker = await launch(port);
      const retry = await retryUntilAccepted(ingest.url, body);
      expect(retry.status).toBe(202);
      // The pending publishes went through once Kafka was back: the retry only finds duplicates.
      expect(retry.body).toMatchObject({ accepted: 0, duplicates: 50 });
      await expectEachOnce(updates);
    } finally {
      await ingest.stop();
    }
  });

  it('bounds what waits for Kafka: past INGEST_MAX_PENDING a request gets 503 at once and nothing of it is queued', async () => {
    const ingest = await startIngest({ host: '127.0.0.1', port: 0, brokers, logger: quietLogger(), partitions: 3, publishTimeoutMs: 500, maxPending: 20 });
    try {
      await broker!.stop();
      broker = undefined;
      const first = await post(ingest.url, JSON.stringify(makeUpdates(20)));
      expect(first.body).toMatchObject({ pending: 20 });
      const second = makeUpdates(5);
      const refused = await post(ingest.url, JSON.stringify(second));
      expect(refused.status).toBe(503);
      expect(refused.body.error).toBe('Kafka is not keeping up: 20 updates are still waiting for it; retry later (nothing from this request was published)');
      expect(((await (await fetch(`${ingest.url}/healthz`)).json()) as { pendingUpdates: number }).pendingUpdates).toBe(20);
      broker = await launch(port);
      expect((await retryUntilAccepted(ingest.url, JSON.stringify(second))).body).toMatchObject({ accepted: 5, duplicates: 0 });
      await expectEachOnce(second);
    } finally {
      await ingest.stop();
    }
  });
});
