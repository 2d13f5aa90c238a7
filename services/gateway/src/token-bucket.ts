/**
 * A token bucket: `take()` is false when the caller is over its rate.
 *
 * Time is in milliseconds from a monotonic clock by default (performance.now(),
 * not Date.now(), which steps when the wall clock is set); a time given by the
 * caller that runs backwards refills nothing and takes nothing away.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Tokens left as of the last take(): below 1, the next take() fails. */
  get left(): number {
    return this.tokens;
  }

  take(now: number = performance.now()): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.ratePerSec);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
