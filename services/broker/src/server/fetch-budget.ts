/**
 * Record bytes held by Fetch responses not yet sent, broker-wide. Fetch
 * reads into memory (Kafka sends from the page cache), so without a bound,
 * many clients asking for large responses at once would cost their sum in
 * resident memory. A Fetch asks how much is left before reading and books
 * what it read (which may exceed what was left: one batch is always served);
 * the bytes come back once the response is sent or dropped.
 */
export class FetchBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  available(): number {
    return Math.max(0, this.limit - this.used);
  }

  get inUse(): number {
    return this.used;
  }

  take(n: number): void {
    this.used += n;
  }

  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}
