/**
 * A bounded set of recently delivered update ids (least-recently-seen
 * eviction). A resume can replay a few updates the client already has, and a
 * producer retry can write the same update twice at different offsets; this
 * set is what keeps either from surfacing twice. Memory is O(capacity).
 */
export class RecentIds {
  readonly #ids = new Set<string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('RecentIds capacity must be a positive integer');
  }

  get size(): number {
    return this.#ids.size;
  }

  /** Records the id; returns false when it was already present (a duplicate). */
  add(id: string): boolean {
    if (this.#ids.has(id)) {
      // Refresh its recency: a duplicate that shows up now may show up again.
      this.#ids.delete(id);
      this.#ids.add(id);
      return false;
    }
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) {
      const oldest = this.#ids.values().next();
      if (!oldest.done) this.#ids.delete(oldest.value);
    }
    return true;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }
}
