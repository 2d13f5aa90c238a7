/**
 * Client -> gateway frames, paced under the gateway's message-rate limit
 * (announced in `welcome.limits`). The gateway answers a burst above its
 * token bucket with `rate_limited` errors and eventually close 1008, so the
 * SDK holds frames back instead of ever tripping it, e.g. when a slow
 * iterator pauses and resumes its subscription many times in a row.
 */
export class Outbox {
  #tokens: number;
  #last = Date.now();
  #queue: string[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `ratePerSec`/`burst`: what the gateway allows; the outbox keeps a margin below both. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly maxQueued = 1000,
  ) {
    this.#tokens = this.burst;
  }

  static forLimits(write: (text: string) => void, limits: { ratePerSec: number; burst: number } | undefined): Outbox {
    const rate = limits && limits.ratePerSec > 0 ? limits.ratePerSec * 0.8 : 1000;
    const burst = limits && limits.burst > 0 ? Math.max(1, Math.floor(limits.burst / 2)) : 100;
    return new Outbox(write, rate, burst);
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Sends now or later, in order. `droppable` frames (pings) are skipped instead of queued. */
  send(text: string, droppable = false): boolean {
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.write(text);
      return true;
    }
    if (droppable || this.#queue.length >= this.maxQueued) return false;
    this.#queue.push(text);
    this.#schedule();
    return true;
  }

  /** Forgets queued frames (the connection is gone; resubscribing rebuilds what matters). */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue = [];
  }

  #refill(): void {
    const now = Date.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.ratePerSec);
    this.#last = now;
  }

  #schedule(): void {
    if (this.#timer) return;
    const wait = Math.max(1, Math.ceil(((1 - this.#tokens) / this.ratePerSec) * 1000));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#refill();
      while (this.#queue.length > 0 && this.#tokens >= 1) {
        this.#tokens -= 1;
        this.write(this.#queue.shift()!);
      }
      if (this.#queue.length > 0) this.#schedule();
    }, wait);
  }
}
