/**
 * The buffer behind `for await (const d of subscription)`: a FIFO with a hard
 * capacity. push() refuses (returns false) when full instead of growing; the
 * subscription then pauses delivery from the server and resumes later from its
 * cursor (see subscription.ts), so a slow consumer costs bounded memory and
 * loses nothing.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #head = 0;
  #waiters: Array<{ resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }> = [];
  #ended = false;
  #error: unknown = undefined;
  #onDrain: (() => void) | null = null;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('queue capacity must be a positive integer');
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Hands the item to a waiting reader or buffers it; false when the buffer is full. */
  push(item: T): boolean {
    if (this.#ended) return false;
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve({ value: item, done: false });
      return true;
    }
    if (this.size >= this.capacity) return false;
    this.#items.push(item);
    return true;
  }

  /** Called once when the buffer has fallen to `lowWater` items or fewer. */
  whenDrained(lowWater: number, callback: () => void): void {
    this.#onDrain = () => {
      if (this.size <= lowWater) {
        this.#onDrain = null;
        callback();
      }
    };
    this.#onDrain();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.size > 0) {
      const value = this.#items[this.#head] as T;
      this.#items[this.#head] = undefined as T;
      this.#head += 1;
      // Compact now and then so a long-lived queue does not keep a huge array.
      if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      this.#onDrain?.();
      return Promise.resolve({ value, done: false });
    }
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** No more items: buffered ones are still read, then readers see done (or the error). */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    for (const w of this.#waiters.splice(0)) {
      if (error !== undefined) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  /** Drops everything buffered (the reader stopped iterating). */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
