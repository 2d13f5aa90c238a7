import { SparseIndex } from './sparse-index.ts';

/**
 * Sparse offset index of one segment: an entry roughly every
 * `indexIntervalBytes` appended, mapping a batch's offset (relative to the
 * segment base, so it fits 32 bits) to its byte position in the segment.
 */
export class OffsetIndex {
  private readonly index = new SparseIndex('u32');

  get entries(): number {
    return this.index.entries;
  }

  /** Entries must arrive in increasing offset and position order. */
  append(relativeOffset: number, position: number): void {
    this.index.append(relativeOffset, position);
  }

  /**
   * Position of the last indexed batch starting at or before relativeOffset
   * (0 when none): a scan from there reaches the batch containing it.
   */
  lookup(relativeOffset: number): number {
    return this.index.floor(relativeOffset, true);
  }

  memoryBytes(): number {
    return this.index.memoryBytes();
  }
}
