/**
 * Teardown: closers run newest first; one that never finishes is abandoned
 * (its signal aborted) and the others still run; a failing one is reported;
 * guard() unwinds what was opened when a startup step fails; a resource
 * deferred after close() began is closed too.
 */
import { describe, expect, it } from 'vitest';
import { Teardown } from '../src/teardown.ts';

describe('Teardown', () => {
  it('closes newest first, abandons a closer that never finishes, and still runs the rest', async () => {
    const order: string[] = [];
    let stuckSignal: AbortSignal | undefined;
    const t = new Teardown({ timeoutMs: 300 });
    t.defer('first opened', () => void order.push('first opened'));
    t.defer('stuck', (signal) => {
      stuckSignal = signal;
      order.push('stuck');
      return new Promise(() => {}); // a Kafka client retrying a broker that is gone
    });
    t.defer('failing', () => {
      order.push('failing');
      throw new Error('boom');
    });
    t.defer('last opened', async () => void order.push('last opened'));
    const report = await t.close();
    expect(order).toEqual(['last opened', 'failing', 'stuck', 'first opened']);
    expect(report).toEqual({ closed: ['last opened', 'first opened'], failed: ['failing'], abandoned: ['stuck'] });
    expect(stuckSignal?.aborted).toBe(true);
    expect(await t.close()).toBe(report); // idempotent
  });

  it('guard() closes what was opened when a step fails, and rethrows', async () => {
    const closed: string[] = [];
    const t = new Teardown({ timeoutMs: 1000 });
    t.defer('kafka', () => void closed.push('kafka'));
    await expect(t.guard(Promise.reject(new Error('EADDRINUSE')))).rejects.toThrow('EADDRINUSE');
    expect(closed).toEqual(['kafka']);
  });

  it('closes a resource deferred while closing', async () => {
    const closed: string[] = [];
    const t = new Teardown({ timeoutMs: 1000 });
    t.defer('a', () => void closed.push('a'));
    const closing = t.close();
    t.defer('late', () => void closed.push('late'));
    await closing;
    await expect.poll(() => closed).toEqual(['a', 'late']);
  });
});
