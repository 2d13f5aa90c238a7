/**
 * Latency histogram with 0.05 ms buckets up to 5 s (plus an overflow bucket),
 * mergeable across processes as sparse [bucket, count] pairs.
 */
export const BUCKET_MS = 0.05;
const BUCKETS = Math.ceil(5000 / BUCKET_MS) + 1;

export class Histogram {
  counts = new Uint32Array(BUCKETS);
  total = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const b = Math.min(BUCKETS - 1, Math.floor(v / BUCKET_MS));
    this.counts[b]! += 1;
    this.total += 1;
    if (v > this.max) this.max = v;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }

  toSparse(): { pairs: number[]; max: number } {
    const pairs: number[] = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]) pairs.push(i, this.counts[i]!);
    return { pairs, max: this.max };
  }

  merge(s: { pairs: number[]; max: number }): void {
    for (let i = 0; i < s.pairs.length; i += 2) {
      this.counts[s.pairs[i]!]! += s.pairs[i + 1]!;
      this.total += s.pairs[i + 1]!;
    }
    if (s.max > this.max) this.max = s.max;
  }

  /** Upper edge of the bucket holding the p-th percentile, ms. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const want = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= want) return Math.min((i + 1) * BUCKET_MS, this.max);
    }
    return this.max;
  }
}
