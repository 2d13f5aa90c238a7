/**
 * A bounded set of entries keyed by update id, kept sorted by record
 * position (compareAt). Past `max` the smallest (oldest) entry is dropped.
 *
 * The final content depends only on the set of records offered, not on the
 * order they came in: of two records with the same id the later position
 * wins, and the kept entries are always the `max` greatest by a key fixed per
 * record — so gateways that read partitions in different interleavings agree.
 */
import { compareAt, type RecordAt } from './position.ts';

export class BoundedById<T extends { at: RecordAt }> {
  private readonly byId = new Map<string, T>();
  /** Ascending by `at`. */
  private readonly sorted: T[] = [];
  dropped = 0;

  constructor(
    private max: number,
    private readonly idOf: (entry: T) => string,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  values(): readonly T[] {
    return this.sorted;
  }

  /** Offers an entry; returns the entry it replaced or dropped, if any (for callers keeping indexes). */
  offer(entry: T): { added: boolean; removed: T[] } {
    const id = this.idOf(entry);
    const removed: T[] = [];
    const existing = this.byId.get(id);
    if (existing) {
      if (compareAt(entry.at, existing.at) <= 0) return { added: false, removed };
      this.removeSorted(existing);
      this.byId.delete(id);
      removed.push(existing);
    }
    this.byId.set(id, entry);
    this.sorted.splice(this.insertionIndex(entry.at), 0, entry);
    while (this.sorted.length > this.max) {
      const oldest = this.sorted.shift()!;
      this.byId.delete(this.idOf(oldest));
      this.dropped++;
      removed.push(oldest);
    }
    return { added: this.byId.get(id) === entry, removed };
  }

  /** Removes the entry of `id` (it moved to another list). */
  delete(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    this.byId.delete(id);
    this.removeSorted(existing);
  }

  private insertionIndex(at: RecordAt): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareAt(this.sorted[mid]!.at, at) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeSorted(entry: T): void {
    const i = this.insertionIndex(entry.at) - 1;
    // Positions are unique per record, so the entry sits right before its insertion point.
    if (i >= 0 && this.sorted[i] === entry) this.sorted.splice(i, 1);
    else {
      const j = this.sorted.indexOf(entry);
      if (j >= 0) this.sorted.splice(j, 1);
    }
  }
}
