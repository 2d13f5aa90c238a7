/**
 * The bounded in-memory window of one partition: the most recent entries in
 * offset order, bounded by count and bytes. `from` is the lowest offset from
 * which the window is complete: every valid update with offset in
 * [from, next) is in it (invalid records are skipped but still "covered").
 */
import type { Entry } from './entry.ts';

export class PartitionWindow {
  private ring: (Entry | undefined)[];
  private head = 0; // index of the oldest entry
  private size = 0;
  private bytes = 0;
  /** Lowest offset the window is complete from. */
  from: number;

  constructor(
    startOffset: number,
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    this.from = startOffset;
    this.ring = new Array<Entry | undefined>(Math.max(1, Math.min(maxEntries, 1024)));
  }

  get length(): number {
    return this.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  push(entry: Entry): void {
    if (this.maxEntries === 0 || this.maxBytes === 0) {
      this.from = entry.offset + 1;
      return;
    }
    while (this.size > 0 && (this.size >= this.maxEntries || this.bytes + entry.frame.length > this.maxBytes)) this.evict();
    if (this.size === this.ring.length) this.grow();
    this.ring[(this.head + this.size) % this.ring.length] = entry;
    this.size++;
    this.bytes += entry.frame.length;
  }

  /** Marks an offset with no entry (invalid record) as seen, so `from` stays exact when nothing is stored. */
  noteEmpty(offset: number): void {
    if (this.size === 0) this.from = offset + 1;
  }

  /** Entries with from <= offset < to, in order. Caller must check covers(from) first. */
  slice(from: number, to: number): Entry[] {
    const out: Entry[] = [];
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).offset < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.size; i++) {
      const e = this.at(i);
      if (e.offset >= to) break;
      out.push(e);
    }
    return out;
  }

  covers(offset: number): boolean {
    return offset >= this.from;
  }

  /** Drops everything (e.g. the partition was reset); the window restarts at `offset`. */
  reset(offset: number): void {
    this.ring = new Array<Entry | undefined>(this.ring.length);
    this.head = 0;
    this.size = 0;
    this.bytes = 0;
    this.from = offset;
  }

  private at(i: number): Entry {
    return this.ring[(this.head + i) % this.ring.length]!;
  }

  /** Drops the oldest entry (the hub's total bound); returns the bytes freed, 0 when empty. */
  evictOldest(): number {
    if (this.size === 0) return 0;
    const before = this.bytes;
    this.evict();
    return before - this.bytes;
  }

  private evict(): void {
    const e = this.ring[this.head]!;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.size--;
    this.bytes -= e.frame.length;
    this.from = e.offset + 1;
  }

  private grow(): void {
    const next = new Array<Entry | undefined>(Math.min(this.maxEntries, this.ring.length * 2));
    for (let i = 0; i < this.size; i++) next[i] = this.at(i);
    this.ring = next;
    this.head = 0;
  }
}
