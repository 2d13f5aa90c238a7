import { SparseIndex } from './sparse-index.ts';

/**
 * Sparse time index of one segment, written alongside the offset index. Each
 * entry holds a batch position and the largest timestamp of all batches
 * *before* that position. That running maximum never decreases, so a binary
 * search finds the last entry whose predecessors are all older than a
 * target: scanning from its position finds the first batch whose
 * maxTimestamp reaches the target, even when timestamps are out of order.
 */
export class TimeIndex {
  private readonly index = new SparseIndex('f64');

  append(maxTimestampBefore: number, position: number): void {
    this.index.append(maxTimestampBefore, position);
  }

  /** Position to start scanning for the first batch with maxTimestamp >= ts (0 when none). */
  lookup(ts: number): number {
    return this.index.floor(ts, false);
  }

  memoryBytes(): number {
    return this.index.memoryBytes();
  }
}
