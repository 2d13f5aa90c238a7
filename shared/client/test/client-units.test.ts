/**
 * The SDK's small pure parts, through their public behaviour: backoff bounds
 * with full jitter, the bounded dedupe set, the bounded async queue, and the
 * outgoing pacing under the gateway's rate limit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { waitFor } from '@newswire/test-support/wait';
import { backoffDelay, DEFAULT_RECONNECT } from '../src/backoff.ts';
import { RecentIds } from '../src/recent-ids.ts';
import { AsyncQueue } from '../src/async-queue.ts';
import { Outbox } from '../src/outbox.ts';

describe('backoff', () => {
  it('stays within [0, min(max, initial * 2^attempt)] with full jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, DEFAULT_RECONNECT, () => r);
        const cap = Math.min(DEFAULT_RECONNECT.maxDelayMs, DEFAULT_RECONNECT.initialDelayMs * 2 ** attempt);
        return d >= 0 && d <= cap && Number.isFinite(d);
      }),
    );
  });

  it('doubles up to the cap without jitter', () => {
    const opts = { ...DEFAULT_RECONNECT, jitter: 'none' as const, initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((a) => backoffDelay(a, opts))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('RecentIds', () => {
  it('reports duplicates and never holds more than its capacity', () => {
    const ids = new RecentIds(3);
    expect(['a', 'b', 'c'].map((x) => ids.add(x))).toEqual([true, true, true]);
    expect(ids.add('a')).toBe(false); // refreshes 'a'
    expect(ids.add('d')).toBe(true); // evicts the least recently seen: 'b'
    expect(ids.size).toBe(3);
    expect(ids.has('b')).toBe(false);
    expect(ids.has('a')).toBe(true);
  });
});

describe('AsyncQueue', () => {
  it('refuses pushes beyond capacity and hands items over in order', async () => {
    const q = new AsyncQueue<number>(2);
    expect([q.push(1), q.push(2), q.push(3)]).toEqual([true, true, false]);
    expect((await q.next()).value).toBe(1);
    let drained = false;
    q.whenDrained(0, () => (drained = true));
    expect((await q.next()).value).toBe(2);
    expect(drained).toBe(true);
    const waiting = q.next();
    expect(q.push(4)).toBe(true); // straight to the waiting reader
    expect((await waiting).value).toBe(4);
    q.end();
    expect((await q.next()).done).toBe(true);
  });
});

describe('Outbox', () => {
  it('sends a burst up to its allowance at once and paces the rest in order', async () => {
    const sent: string[] = [];
    const out = new Outbox((t) => sent.push(t), 100, 5);
    for (let i = 0; i < 12; i++) out.send(String(i));
    expect(sent).toEqual(['0', '1', '2', '3', '4']);
    expect(out.send('ping', true)).toBe(false); // droppable frames are not queued
    await waitFor(() => sent.length >= 12, 'the paced rest', { timeoutMs: 5000, intervalMs: 10 });
    expect(sent).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    out.dispose();
  });
});
