/**
 * Latency histogram: 0.05 ms buckets up to 1 s, then 1 ms buckets up to 60 s
 * (plus an overflow bucket); mergeable across processes as sparse
 * [bucket, count] pairs.
 */
const FINE_MS = 0.05;
const FINE = 20_000; // 0..1000 ms
const COARSE = 59_000; // 1 s..60 s in 1 ms steps
const BUCKETS = FINE + COARSE + 1;

function bucketOf(ms: number): number {
  if (ms < FINE * FINE_MS) return Math.floor(ms / FINE_MS);
  return Math.min(BUCKETS - 1, FINE + Math.floor(ms - FINE * FINE_MS));
}

/** Upper edge of a bucket, ms. */
function upperEdge(b: number): number {
  return b < FINE ? (b + 1) * FINE_MS : FINE * FINE_MS + (b - FINE + 1);
}

export class Histogram {
  counts = new Uint32Array(BUCKETS);
  total = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    this.counts[bucketOf(v)]! += 1;
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

  /** Upper edge of the bucket holding the p-th percentile (capped at the max seen), ms. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const want = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= want) return Math.min(upperEdge(i), this.max);
    }
    return this.max;
  }
}
