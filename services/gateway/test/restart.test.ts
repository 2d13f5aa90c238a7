/**
 * Resume across the gateway process dying (kill -9) and across a graceful
 * restart (shutdown frame with positions + close 1012). The gateway runs as
 * a real `newswire gateway` process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, startKafka, type TestKafka } from '@newswire/test-support';
import type { Publisher } from '@newswire/kafka';
import { CursorTracker, TestClient, countIds, metricValue, publishInBackground, publisherFor } from './support.ts';

const BIN = resolve(import.meta.dirname, '../../cli/bin/newswire.mjs');
let kafka: TestKafka;
let pub: Publisher;
const children = new Set<ChildProcess>();

interface Proc {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

async function spawnGateway(): Promise<Proc> {
  const child = spawn(process.execPath, [BIN, 'gateway', '--port', '0', '--brokers', kafka.brokers.join(',')], {
    env: { ...process.env, ...kafka.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { children.delete(child); r(code); }));
  const port = await new Promise<number>((res, rej) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      try {
        const j = JSON.parse(line) as { listening?: string; port?: number };
        if (j.listening && j.port) res(j.port);
      } catch { /* log line */ }
    });
    void exited.then((code) => rej(new Error(`gateway exited with ${code} before listening`)));
  });
  return { child, port, exited };
}

beforeAll(async () => {
  kafka = await startKafka({ partitions: 3 });
  pub = await publisherFor(kafka.brokers, kafka.prefix);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await pub?.close();
  await kafka?.stop();
});

describe('resume across gateway restarts', () => {
  it('loses and duplicates nothing when the gateway is killed with SIGKILL', async () => {
    const total = 2000;
    const prefix = 'kill9';
    const g1 = await spawnGateway();
    const c1 = await TestClient.connect(`ws://127.0.0.1:${g1.port}/`);
    await c1.hello();
    const epoch = c1.of('welcome')[0]!.epoch;
    c1.send({ op: 'subscribe', id: 's' });
    await c1.waitForOp('subscribed');
    const cursor = new CursorTracker(c1, 's');
    const bg = publishInBackground(pub, makeUpdates(total, { prefix, stories: 7 }), 50, 5);
    await c1.waitFor(() => c1.updateIds().length >= total / 4, 'a quarter');
    g1.child.kill('SIGKILL');
    await c1.waitClosed();
    const positions = cursor.positions();
    const g2 = await spawnGateway();
    const c2 = await TestClient.connect(`ws://127.0.0.1:${g2.port}/`);
    await c2.hello();
    expect(c2.of('welcome')[0]!.epoch).toBe(epoch); // same cluster, same epoch
    c2.send({ op: 'subscribe', id: 's', from: { positions, epoch } });
    await bg.done;
    await c2.waitFor(() => countIds([c1.updateIds(), c2.updateIds()], prefix).unique === total, `all ${total}`, 60_000);
    const { duplicates } = countIds([c1.updateIds(), c2.updateIds()], prefix);
    expect(duplicates).toEqual([]);
    expect(c2.of('gap')).toEqual([]);
    // The new process read the recent past back into its window at start: the gap came from memory.
    expect(await metricValue(g2.port, 'newswire_gateway_catchup_ranges_total', 'source="window"')).toBeGreaterThan(0);
    expect(await metricValue(g2.port, 'newswire_gateway_catchup_ranges_total', 'source="kafka"')).toBe(0);
    c2.close();
    g2.child.kill('SIGTERM');
    expect(await g2.exited).toBe(143); // SIGTERM: graceful stop, exit 143 (docs/operations.md, the process contract)
  });

  it('resumes from the positions of the shutdown frame after a graceful restart (close 1012)', async () => {
    const total = 2000;
    const prefix = 'graceful';
    const g1 = await spawnGateway();
    const c1 = await TestClient.connect(`ws://127.0.0.1:${g1.port}/`);
    await c1.hello();
    c1.send({ op: 'subscribe', id: 's', filter: { kinds: ['arrests', 'casualties', 'unrest', 'connectivity', 'security-measure', 'government-change', 'foreign-military', 'diplomacy', 'commemoration'] } });
    await c1.waitForOp('subscribed');
    const bg = publishInBackground(pub, makeUpdates(total, { prefix, stories: 7 }), 50, 5);
    await c1.waitFor(() => c1.updateIds().length >= total / 4, 'a quarter');
    g1.child.kill('SIGTERM');
    expect(await c1.waitClosed()).toBe(1012);
    expect(await g1.exited).toBe(143); // SIGTERM: graceful stop, exit 143 (docs/operations.md, the process contract)
    const shutdown = c1.of('shutdown')[0]!;
    expect(shutdown).toBeDefined();
    const mine = shutdown.subscriptions.find((s) => s.id === 's')!;
    expect(mine.positions.length).toBeGreaterThan(0);
    const g2 = await spawnGateway();
    const c2 = await TestClient.connect(`ws://127.0.0.1:${g2.port}/`);
    c2.send({ op: 'subscribe', id: 's', from: { positions: mine.positions, epoch: shutdown.epoch } });
    await bg.done;
    await c2.waitFor(() => countIds([c1.updateIds(), c2.updateIds()], prefix).unique === total, `all ${total}`, 60_000);
    expect(countIds([c1.updateIds(), c2.updateIds()], prefix).duplicates).toEqual([]);
    expect((await c2.waitForOp('live')).recovered).toBe(true);
    c2.close();
    g2.child.kill('SIGTERM');
    expect(await g2.exited).toBe(143); // SIGTERM: graceful stop, exit 143 (docs/operations.md, the process contract)
  });
});
