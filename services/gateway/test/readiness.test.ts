/**
 * /readyz follows the live reader's real state, both ways (issue 13, bug 2):
 * it turns 503 within a few seconds when Kafka stops answering, whether the
 * broker is frozen (connections open, nothing answered: SIGSTOP) or gone
 * (stopped), and 200 again once it answers, with delivery resuming and
 * nothing lost. The broker is a real dev broker PROCESS here, so it can be
 * frozen and restarted on the same port and data dir; GATEWAY_READY_STALE_MS
 * is shrunk so the test stays short.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publisher } from '@newswire/kafka';
import { startGateway, type RunningGateway } from '../src/index.ts';
import { makeUpdates, spawnBrokerProcess, waitFor } from '@newswire/test-support';
import { TestClient, countIds, publisherFor, quietLogger, sleep } from './support.ts';

const STALE_MS = 1500;
const dataDir = mkdtempSync(join(tmpdir(), 'newswire-readiness-'));
let broker: ChildProcess | undefined;
let port = 0;
let gw: RunningGateway;
let pub: Publisher;

/** Starts the dev broker process on `askPort` (0: any) and the shared data dir; resolves with its port. */
async function startBrokerProcess(askPort: number): Promise<number> {
  const spawned = spawnBrokerProcess(['--host', '127.0.0.1', '--port', String(askPort), '--data-dir', dataDir]);
  broker = spawned.child;
  return spawned.listening;
}

async function stopBrokerProcess(): Promise<void> {
  const child = broker;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGCONT'); // a frozen process cannot act on SIGTERM
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${gw.port}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls /readyz until it answers `status` (bounded: a readiness that never turns fails the test). */
async function waitReady(status: 200 | 503, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  let last: Awaited<ReturnType<typeof readyz>> | undefined;
  return waitFor(
    async () => {
      last = await readyz();
      return last.status === status ? last.body : undefined;
    },
    () => `/readyz to answer ${status} (last: ${last?.status} ${JSON.stringify(last?.body)})`,
    { timeoutMs, intervalMs: 100 },
  );
}

beforeAll(async () => {
  port = await startBrokerProcess(0);
  const brokers = [`127.0.0.1:${port}`];
  pub = await publisherFor(brokers);
  await pub.publish(makeUpdates(6, { prefix: 'ready-init', stories: 7 })); // creates the topics
  gw = await startGateway({ port: 0, brokers, logger: quietLogger(), limits: { readyStaleMs: STALE_MS } });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await pub?.close();
  await stopBrokerProcess();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A live subscriber and the ids it must end up with, exactly once each. */
async function liveClient(): Promise<TestClient> {
  const c = await TestClient.connect(`ws://127.0.0.1:${gw.port}/`);
  c.send({ op: 'subscribe', id: 's' });
  await c.waitForOp('subscribed');
  return c;
}

describe('/readyz follows the live reader', () => {
  it('turns 503 while the broker is frozen (SIGSTOP) and 200 once it answers again; delivery resumes with nothing lost', { timeout: 120_000 }, async () => {
    await waitReady(200);
    const c = await liveClient();
    await pub.publish(makeUpdates(20, { prefix: 'frozen-before', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'frozen-before').unique === 20, 'the first 20');
    broker!.kill('SIGSTOP');
    try {
      // Connections stay open and nothing answers: only the age of the last fetch can tell.
      const down = await waitReady(503, 20_000);
      expect(down.ready).toBe(false);
    } finally {
      broker!.kill('SIGCONT');
    }
    await waitReady(200);
    await pub.publish(makeUpdates(20, { prefix: 'frozen-after', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'frozen-after').unique === 20, 'the 20 published after the thaw');
    expect(countIds([c.updateIds()], 'frozen-').duplicates).toEqual([]);
    c.close();
  });

  it('turns 503 when the broker stops, stays 503 while it is down, and 200 after it restarts on the same port and data; nothing lost', { timeout: 180_000 }, async () => {
    await waitReady(200);
    const c = await liveClient();
    await pub.publish(makeUpdates(20, { prefix: 'restart-before', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'restart-before').unique === 20, 'the first 20');
    await stopBrokerProcess();
    const down = await waitReady(503, 20_000);
    expect(down.connected).toBe(false);
    // Down long enough for several failed reconnects (the reader backs off up to 5 s): still 503 throughout.
    for (let i = 0; i < 8; i++) {
      await sleep(1_000);
      expect((await readyz()).status).toBe(503);
    }
    expect(await startBrokerProcess(port)).toBe(port);
    await waitReady(200, 60_000);
    await pub.publish(makeUpdates(20, { prefix: 'restart-after', stories: 7 }));
    await c.waitFor(() => countIds([c.updateIds()], 'restart-after').unique === 20, 'the 20 published after the restart', 60_000);
    expect(countIds([c.updateIds()], 'restart-').duplicates).toEqual([]);
    expect(c.closeCode).toBeNull(); // the client never noticed more than a pause
    c.close();
  });
});
