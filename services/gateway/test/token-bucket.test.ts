/**
 * The per-connection rate limit on its own, on a clock the test passes in
 * (milliseconds): no sleeping, every step exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/token-bucket.ts';

/** How many take()s succeed in a row at one instant. */
function drain(b: TokenBucket, now: number): number {
  let n = 0;
  while (b.take(now)) n++;
  return n;
}

describe('TokenBucket', () => {
  it('starts full: exactly `burst` takes succeed at once, then it refuses', () => {
    const b = new TokenBucket(20, 5, 0);
    expect(drain(b, 0)).toBe(5);
    expect(b.take(0)).toBe(false);
    expect(b.left).toBeLessThan(1);
  });

  it('refills at `ratePerSec`: one token every 1000/rate ms, and not before', () => {
    const b = new TokenBucket(10, 1, 0);
    expect(b.take(0)).toBe(true);
    expect(b.take(99)).toBe(false);
    expect(b.take(100)).toBe(true);
    expect(b.take(150)).toBe(false);
    expect(b.take(200)).toBe(true);
  });

  it('never holds more than `burst`, however long it was idle', () => {
    const b = new TokenBucket(100, 3, 0);
    expect(drain(b, 0)).toBe(3);
    expect(drain(b, 3_600_000)).toBe(3);
    expect(b.left).toBeLessThan(1);
  });

  it('a refused take costs nothing: refusals do not push the next success further away', () => {
    const b = new TokenBucket(4, 1, 0);
    expect(b.take(0)).toBe(true);
    for (let t = 10; t < 250; t += 10) expect(b.take(t)).toBe(false);
    expect(b.take(250)).toBe(true);
  });

  it('a clock that steps back takes no tokens away', () => {
    const b = new TokenBucket(10, 5, 10_000);
    expect(b.take(10_000)).toBe(true);
    // The wall clock was set back a minute: 4 tokens were left and still are.
    expect(drain(b, -50_000)).toBe(4);
    // And time runs on from the new reading.
    expect(b.take(-49_900)).toBe(true);
  });

  it('over any run of calls, successes never exceed burst + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 400 }),
        (rate, burst, steps) => {
          const b = new TokenBucket(rate, burst, 0);
          let now = 0;
          let ok = 0;
          for (const step of steps) {
            now += step;
            if (b.take(now)) ok++;
          }
          // A tiny epsilon for floating-point refill sums.
          expect(ok).toBeLessThanOrEqual(Math.floor(burst + (rate * now) / 1000 + 1e-9));
        },
      ),
    );
  });

  it('a steady caller within the rate is never refused', () => {
    const b = new TokenBucket(20, 1, 0);
    for (let t = 0; t <= 10_000; t += 50) expect(b.take(t)).toBe(true);
  });
});
