/**
 * The shape both segment indexes share: (key, byte position) entries appended
 * in increasing key order, held in two growable typed arrays (8–12 bytes per
 * entry, no object per entry), searched for the last entry before a target.
 * Indexes are rebuilt from batch headers when a segment is opened.
 */
export class SparseIndex {
  private keys: Uint32Array | Float64Array;
  private positions = new Uint32Array(16);
  private n = 0;

  /** 'u32' for keys that fit 32 bits (relative offsets), 'f64' for timestamps. */
  constructor(keyType: 'u32' | 'f64') {
    this.keys = keyType === 'u32' ? new Uint32Array(16) : new Float64Array(16);
  }

  get entries(): number {
    return this.n;
  }

  /** Keys must not decrease, nor positions. */
  append(key: number, position: number): void {
    if (this.n === this.positions.length) {
      this.keys = grow(this.keys);
      this.positions = grow(this.positions);
    }
    this.keys[this.n] = key;
    this.positions[this.n] = position;
    this.n++;
  }

  /** Position of the last entry whose key is below target (or equal, when inclusive); 0 when none. */
  floor(target: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const key = this.keys[mid]!;
      if (key < target || (inclusive && key === target)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found]!;
  }

  memoryBytes(): number {
    return this.keys.byteLength + this.positions.byteLength;
  }
}

function grow<T extends Uint32Array | Float64Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(a.length * 2);
  next.set(a);
  return next;
}
