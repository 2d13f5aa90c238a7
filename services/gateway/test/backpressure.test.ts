/**
 * A client that stops reading is cut off (lagged + close 4008) once its send
 * buffer passes the bound, while another client keeps receiving everything;
 * it then resumes from the positions it was given with no loss or duplicate.
 */
import type { Socket } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import type { RunningGateway } from '../src/index.ts';
import { TestClient, countIds, gatewayTestbed, publishInBackground } from './support.ts';

const bed = gatewayTestbed();
let gw: RunningGateway;
const BOUND = 64 * 1024;

beforeAll(async () => {
  ({ gw } = await bed.gateway({ limits: { maxBufferedBytes: BOUND, closeGraceMs: 120_000 } }));
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${gw.port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

describe('back-pressure', () => {
  it('cuts a paused client with lagged + 4008 while another keeps flowing', { timeout: 120_000 }, async () => {
    const url = `ws://127.0.0.1:${gw.port}/`;
    const total = 8000;
    const prefix = 'bp';
    const fast = await TestClient.connect(url);
    const slow = await TestClient.connect(url);
    for (const c of [fast, slow]) {
      c.send({ op: 'subscribe', id: 's' });
      await c.waitForOp('subscribed');
    }
    // Stop reading the slow client's socket: the kernel buffers fill, then the gateway's.
    const slowSocket = (slow.ws as unknown as { _socket: Socket })._socket;
    slowSocket.pause();
    const bg = publishInBackground(bed.pub, makeUpdates(total, { prefix, stories: 7 }), 100, 0);
    await bg.done;
    await fast.waitFor(() => countIds([fast.updateIds()], prefix).unique === total, `fast client gets all ${total}`, 90_000);
    expect(countIds([fast.updateIds()], prefix).duplicates).toEqual([]);
    expect(await metric('newswire_gateway_lagged_clients_total')).toBe(1);
    const bytesOut = total * (fast.of('update')[0] ? JSON.stringify(fast.of('update')[0]).length : 500);
    expect(bytesOut).toBeGreaterThan(BOUND * 20); // far more than the bound went by
    // Memory held for the stalled client is its bound (plus the small lagged and close frames), not what went by.
    const held = await metric('newswire_gateway_send_buffer_max_bytes');
    expect(held).toBeGreaterThan(BOUND / 2); // the stalled socket did fill up to its bound...
    expect(held).toBeLessThanOrEqual(BOUND + 16 * 1024); // ...and no further
    // Reading again, the slow client finds what was queued, then lagged, then close 4008.
    slowSocket.resume();
    expect(await slow.waitClosed(30_000)).toBe(4008);
    const lagged = slow.of('lagged')[0]!;
    expect(lagged).toBeDefined();
    const before = slow.updateIds();
    expect(countIds([before], prefix).unique).toBeLessThan(total);
    const resumed = await TestClient.connect(url);
    const positions = lagged.subscriptions.find((s) => s.id === 's')!.positions;
    resumed.send({ op: 'subscribe', id: 's', from: { positions, epoch: lagged.epoch } });
    await resumed.waitFor(() => countIds([before, resumed.updateIds()], prefix).unique === total, 'the rest after resuming', 60_000);
    expect(countIds([before, resumed.updateIds()], prefix).duplicates).toEqual([]);
    fast.close();
    resumed.close();
  });
});
