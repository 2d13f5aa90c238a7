import { grow } from './offset-index.ts';

/**
 * Sparse in-memory time index of one segment, written alongside the offset
 * index. Each entry holds a batch position and the largest timestamp of all
 * batches *before* that position. That running maximum never decreases, so
 * a binary search finds the last entry whose predecessors are all older than
 * a target: scanning from its position finds the first batch whose
 * maxTimestamp reaches the target, even when timestamps are out of order.
 */
export class TimeIndex {
  private maxBefore = new Float64Array(16);
  private positions = new Uint32Array(16);
  private n = 0;

  append(maxTimestampBefore: number, position: number): void {
    if (this.n === this.positions.length) {
      this.maxBefore = grow(this.maxBefore);
      this.positions = grow(this.positions);
    }
    this.maxBefore[this.n] = maxTimestampBefore;
    this.positions[this.n] = position;
    this.n++;
  }

  /** Position to start scanning for the first batch with maxTimestamp >= ts (0 when none). */
  lookup(ts: number): number {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.maxBefore[mid]! < ts) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found]!;
  }

  memoryBytes(): number {
    return this.maxBefore.byteLength + this.positions.byteLength;
  }
}
