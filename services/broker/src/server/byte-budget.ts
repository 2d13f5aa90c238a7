/**
 * A broker-wide cap on request bytes buffered but not yet decoded (partial
 * frames and frames waiting behind a paused connection). Each connection is
 * already capped by the frame limit; this bounds the sum, so many slow or
 * hostile clients cannot make the broker hold connections x 64 MiB. A
 * connection that would exceed it is closed rather than paused: pausing on
 * partial frames could leave every connection waiting on the others.
 */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  tryTake(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}
