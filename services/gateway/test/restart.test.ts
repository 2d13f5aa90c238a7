/**
 * Resume across the gateway process dying (kill -9) and across a graceful
 * restart (shutdown frame with positions + close 1012). The gateway runs as
 * a real `newswire gateway` process.
 */
import { describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { CursorTracker, TestClient, countIds, gatewayTestbed, metricValue, publishInBackground, spawnGateway as spawnGatewayOn } from './support.ts';

// Kafka and the publisher from the testbed; the gateways are processes each test starts and kills.
const bed = gatewayTestbed();
const spawnGateway = () => spawnGatewayOn(bed.kafka);

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
    const bg = publishInBackground(bed.pub, makeUpdates(total, { prefix, stories: 7 }), 50, 5);
    await c1.waitFor(() => c1.updateIds().length >= total / 4, 'a quarter');
    g1.cli.kill('SIGKILL');
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
    g2.cli.kill('SIGTERM');
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
    const bg = publishInBackground(bed.pub, makeUpdates(total, { prefix, stories: 7 }), 50, 5);
    await c1.waitFor(() => c1.updateIds().length >= total / 4, 'a quarter');
    g1.cli.kill('SIGTERM');
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
    g2.cli.kill('SIGTERM');
    expect(await g2.exited).toBe(143); // SIGTERM: graceful stop, exit 143 (docs/operations.md, the process contract)
  });
});
