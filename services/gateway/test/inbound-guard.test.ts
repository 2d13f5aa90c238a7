/**
 * A connection's inbound discipline on its own. Over a real socket the same
 * rules are in protocol-edges.test.ts (drop counts add up to every drop, the
 * abuseBurst-th strike closes 1008) and close-codes.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboundGuard } from '../src/inbound-guard.ts';

function setup(limits: { ratePerSec: number; burst: number; abuseBurst: number; abuseRefillPerSec: number }) {
  const reports: number[] = [];
  let struckOut = 0;
  const guard = new InboundGuard(limits, { reportDrops: (n) => reports.push(n), strikeOut: () => struckOut++ });
  return { guard, reports, struckOut: () => struckOut };
}

afterEach(() => vi.useRealTimers());

describe('InboundGuard', () => {
  it('admits a burst, then drops and reports at most once a second, the counts adding up to every drop', () => {
    vi.useFakeTimers();
    const { guard, reports } = setup({ ratePerSec: 0.001, burst: 5, abuseBurst: 1000, abuseRefillPerSec: 0 });
    const admitted = Array.from({ length: 25 }, () => guard.admit()).filter(Boolean).length;
    expect(admitted).toBe(5);
    expect(reports).toEqual([1]); // the first drop at once, the next 19 held for the second to end
    vi.advanceTimersByTime(999);
    expect(reports).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([1, 19]); // reported although the client sent nothing more
    expect(reports.reduce((a, b) => a + b, 0)).toBe(25 - admitted);
  });

  it('ends the connection on the abuseBurst-th strike, after reporting the drops pending', () => {
    vi.useFakeTimers();
    const { guard, reports, struckOut } = setup({ ratePerSec: 0.001, burst: 1, abuseBurst: 4, abuseRefillPerSec: 0 });
    guard.strike(); // an invalid message
    guard.admit(); // admitted (the burst)
    guard.admit(); // dropped: reported at once, strike 2
    guard.drop(); // dropped (held back past its bound): pending, strike 3
    expect(reports).toEqual([1]);
    expect(struckOut()).toBe(0);
    guard.strike(); // strike 4
    expect(reports).toEqual([1, 1]);
    expect(struckOut()).toBe(1);
  });

  it('reports nothing once stopped', () => {
    vi.useFakeTimers();
    const { guard, reports } = setup({ ratePerSec: 0.001, burst: 0, abuseBurst: 1000, abuseRefillPerSec: 0 });
    guard.admit();
    guard.admit();
    expect(reports).toEqual([1]);
    guard.stop();
    vi.advanceTimersByTime(5000);
    expect(reports).toEqual([1]);
  });
});
