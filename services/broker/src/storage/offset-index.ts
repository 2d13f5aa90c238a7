/**
 * Sparse in-memory offset index of one segment: an entry roughly every
 * `indexIntervalBytes` appended, mapping a batch's offset (relative to the
 * segment base, so it fits 32 bits) to its byte position in the segment.
 * Two growable typed arrays: 8 bytes per entry, no objects per entry.
 * It is rebuilt from batch headers when a segment is opened.
 */
export class OffsetIndex {
  private offsets = new Uint32Array(16);
  private positions = new Uint32Array(16);
  private n = 0;

  get entries(): number {
    return this.n;
  }

  /** Entries must arrive in increasing offset and position order. */
  append(relativeOffset: number, position: number): void {
    if (this.n === this.offsets.length) {
      this.offsets = grow(this.offsets);
      this.positions = grow(this.positions);
    }
    this.offsets[this.n] = relativeOffset;
    this.positions[this.n] = position;
    this.n++;
  }

  /**
   * Position of the last indexed batch starting at or before relativeOffset
   * (0 when none): a scan from there reaches the batch containing it.
   */
  lookup(relativeOffset: number): number {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid]! <= relativeOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found]!;
  }

  memoryBytes(): number {
    return this.offsets.byteLength + this.positions.byteLength;
  }
}

export function grow<T extends Uint32Array | Float64Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(a.length * 2);
  next.set(a);
  return next;
}
