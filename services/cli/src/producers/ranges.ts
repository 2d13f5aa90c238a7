/**
 * A set of whole numbers kept as sorted, merged, inclusive ranges: line
 * numbers of a file and offsets of a partition are almost always contiguous,
 * so a million of them usually take a handful of ranges.
 */
export type Range = [from: number, to: number];

export class RangeSet {
  private readonly r: Range[] = [];
  private count = 0;

  constructor(ranges: readonly Range[] = []) {
    for (const [a, b] of ranges) this.add(a, b);
  }

  get size(): number {
    return this.count;
  }

  /** Index of the first range whose end is >= n - 1 (the first that n could touch). */
  private firstTouching(n: number): number {
    let lo = 0;
    let hi = this.r.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.r[mid]![1] < n - 1) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(from: number, to = from): void {
    if (to < from) return;
    const i = this.firstTouching(from);
    let a = from;
    let b = to;
    let removed = 0;
    let j = i;
    // Swallow every range that overlaps or is adjacent to [a, b].
    while (j < this.r.length && this.r[j]![0] <= b + 1) {
      const [x, y] = this.r[j]!;
      removed += y - x + 1;
      a = Math.min(a, x);
      b = Math.max(b, y);
      j++;
    }
    this.r.splice(i, j - i, [a, b]);
    this.count += b - a + 1 - removed;
  }

  has(n: number): boolean {
    const i = this.firstTouching(n + 1);
    const range = this.r[i];
    return range !== undefined && range[0] <= n && n <= range[1];
  }

  ranges(): Range[] {
    return this.r.map(([a, b]) => [a, b]);
  }

  /** The smallest member of `this` that is not in `other`, if any. */
  firstNotIn(other: RangeSet): number | undefined {
    for (const [a, b] of this.r) {
      for (let n = a; n <= b; ) {
        if (!other.has(n)) return n;
        // Jump past the range of `other` that holds n.
        const i = other.firstTouching(n + 1);
        n = other.r[i]![1] + 1;
      }
    }
    return undefined;
  }
}

/** "1-2000, 2101, 4001-6000" (the first `max` ranges, then how many more). */
export function formatRanges(ranges: readonly (Range | readonly [string, string])[], max = 10): string {
  const shown = ranges.slice(0, max).map(([a, b]) => (a === b ? String(a) : `${a}-${b}`));
  if (ranges.length > max) shown.push(`and ${ranges.length - max} more range(s)`);
  return shown.join(', ');
}
