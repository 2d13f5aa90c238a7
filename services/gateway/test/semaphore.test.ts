/**
 * The replay semaphore on its own: a bound on concurrent holders, waiters
 * served in arrival order, and waiters that give up (abort) leaving no trace.
 */
import { describe, expect, it } from 'vitest';
import { Semaphore } from '../src/semaphore.ts';

/** Records who holds a slot and when; `max` is the largest number of holders at once. */
function recorder(sem: Semaphore) {
  const order: string[] = [];
  let active = 0;
  let max = 0;
  const releases = new Map<string, () => void>();
  const take = async (name: string, signal?: AbortSignal) => {
    const release = await sem.acquire(signal);
    active++;
    max = Math.max(max, active);
    order.push(name);
    releases.set(name, () => {
      active--;
      release();
    });
  };
  const release = (name: string) => {
    const r = releases.get(name);
    if (!r) throw new Error(`${name} holds no slot`);
    releases.delete(name);
    r();
  };
  return { order, take, release, max: () => max, holders: () => [...releases.keys()] };
}

/** Lets every pending promise continuation run (no timers involved). */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('Semaphore', () => {
  it('hands a freed slot to the waiter, not to a caller arriving in the same tick', async () => {
    const sem = new Semaphore(1);
    const r = recorder(sem);
    await r.take('A');
    const b = r.take('B');
    await settle();
    expect(sem.waiting).toBe(1);

    // A releases and C asks in the same synchronous turn: B was first in line.
    r.release('A');
    const c = r.take('C');
    await b;
    await settle();
    expect(r.max()).toBe(1);
    expect(r.holders()).toEqual(['B']);
    expect(sem.inUse).toBe(1);
    expect(sem.waiting).toBe(1);

    r.release('B');
    await c;
    r.release('C');
    expect(r.order).toEqual(['A', 'B', 'C']);
    expect(r.max()).toBe(1);
    expect(sem.inUse).toBe(0);
    expect(sem.waiting).toBe(0);
  });

  it('serves many waiters strictly in arrival order and never exceeds the limit', async () => {
    const sem = new Semaphore(2);
    const r = recorder(sem);
    const names = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const all = names.map((n) => r.take(n));
    await settle();
    expect(r.order).toEqual(['w0', 'w1']);
    expect(sem.waiting).toBe(8);
    // Each release lets exactly the next waiter in; a newcomer each time queues behind.
    const late: Promise<void>[] = [];
    for (let i = 0; i < 8; i++) {
      r.release(r.holders()[0]!);
      late.push(r.take(`late${i}`));
      await settle();
    }
    expect(r.order.slice(0, 10)).toEqual(names);
    while (r.holders().length > 0) {
      r.release(r.holders()[0]!);
      await settle();
    }
    await Promise.all([...all, ...late]);
    expect(r.order.slice(10)).toEqual(Array.from({ length: 8 }, (_, i) => `late${i}`));
    expect(r.max()).toBe(2);
    expect(sem.inUse).toBe(0);
  });

  it('a release called twice frees one slot only', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const next = sem.acquire();
    const third = sem.acquire();
    release();
    release();
    const releaseNext = await next;
    await settle();
    expect(sem.inUse).toBe(1);
    expect(sem.waiting).toBe(1);
    releaseNext();
    (await third)();
    expect(sem.inUse).toBe(0);
  });

  it('a waiter that aborts leaves the queue and the slot goes to the one behind it', async () => {
    const sem = new Semaphore(1);
    const r = recorder(sem);
    await r.take('A');
    const giveUp = new AbortController();
    const b = r.take('B', giveUp.signal);
    const c = r.take('C');
    await settle();
    expect(sem.waiting).toBe(2);
    giveUp.abort();
    await expect(b).rejects.toThrow('aborted');
    expect(sem.waiting).toBe(1);
    r.release('A');
    await c;
    expect(r.order).toEqual(['A', 'C']);
    r.release('C');
    expect(sem.inUse).toBe(0);
  });

  it('refuses at once when the signal has already aborted, taking no slot', async () => {
    const sem = new Semaphore(1);
    await expect(sem.acquire(AbortSignal.abort())).rejects.toThrow('aborted');
    expect(sem.inUse).toBe(0);
    expect(sem.waiting).toBe(0);
  });

  it('an abort after the slot was granted changes nothing', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const ctl = new AbortController();
    const waiting = sem.acquire(ctl.signal);
    release();
    const mine = await waiting;
    ctl.abort();
    expect(sem.inUse).toBe(1);
    mine();
    expect(sem.inUse).toBe(0);
  });
});
