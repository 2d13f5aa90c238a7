/**
 * Merges per-partition streams of replayed updates into one, in timestamp
 * order across partitions (each partition's own order is always kept), and
 * paces emission at the original spacing scaled by a factor.
 *
 * A record can be emitted once every partition still expected to deliver
 * history has a record buffered (or is finished): only then is the smallest
 * buffered timestamp known to be the next one. Buffers are bounded by the
 * caller pausing partitions whose queue is long (see isFull).
 */
export interface Replayed<T> {
  key: string; // topic:partition
  timestampMs: number;
  item: T;
}

class Queue<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const x = this.items[this.head];
    if (x === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

export interface MergerOptions {
  /** Speed-up of the original spacing; Infinity = no waiting. */
  paceFactor: number;
  /** Per-partition queue length above which the partition should be paused. */
  maxQueue?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Merger<T> {
  private readonly queues = new Map<string, Queue<Replayed<T>>>();
  /** Partitions that still owe history (not yet read up to their end offset). */
  private readonly pending = new Set<string>();
  private readonly maxQueue: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The previous emitted record's timestamp and the wall time it was emitted. */
  private origin: { ts: number; wall: number } | undefined;

  constructor(keys: string[], private readonly opts: MergerOptions) {
    for (const k of keys) {
      this.queues.set(k, new Queue());
      this.pending.add(k);
    }
    this.maxQueue = opts.maxQueue ?? 5000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  push(r: Replayed<T>): void {
    this.queues.get(r.key)?.push(r);
  }

  /** The partition has delivered all of its history (it may still deliver live records when following). */
  finish(key: string): void {
    this.pending.delete(key);
  }

  isFinished(key: string): boolean {
    return !this.pending.has(key);
  }

  isFull(key: string): boolean {
    return (this.queues.get(key)?.length ?? 0) >= this.maxQueue;
  }

  isEmpty(key: string): boolean {
    return (this.queues.get(key)?.length ?? 0) === 0;
  }

  /** True when no history is owed and nothing is buffered. */
  drained(): boolean {
    if (this.pending.size) return false;
    for (const q of this.queues.values()) if (q.length) return false;
    return true;
  }

  /** The next record in timestamp order, or undefined if it cannot be known yet. */
  private next(): Replayed<T> | undefined {
    let best: Queue<Replayed<T>> | undefined;
    for (const [key, q] of this.queues) {
      const head = q.peek();
      if (!head) {
        if (this.pending.has(key)) return undefined; // this partition may still hold an earlier record
        continue;
      }
      if (!best || head.timestampMs < best.peek()!.timestampMs) best = q;
    }
    return best?.shift();
  }

  /**
   * Emits every record whose turn it is, waiting out the paced spacing
   * before each. Returns when nothing more can be emitted yet, or when
   * `stopped()` says so.
   */
  async pump(
    emit: (r: Replayed<T>, emittedAtMs: number) => Promise<void> | void,
    stopped: () => boolean = () => false,
    sleep: (ms: number) => Promise<void> = this.sleep,
  ): Promise<void> {
    for (;;) {
      if (stopped()) return;
      const r = this.next();
      if (!r) return;
      if (Number.isFinite(this.opts.paceFactor)) {
        // Spacing is kept gap by gap: a late record delays the ones after it
        // rather than letting them bunch up to catch up with the clock.
        if (this.origin) {
          const due = this.origin.wall + Math.max(0, r.timestampMs - this.origin.ts) / this.opts.paceFactor;
          const wait = due - this.now();
          if (wait > 0) await sleep(wait);
        }
        this.origin = { ts: Math.max(r.timestampMs, this.origin?.ts ?? -Infinity), wall: this.now() };
      }
      await emit(r, this.origin?.wall ?? this.now());
    }
  }
}
