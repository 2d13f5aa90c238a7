/**
 * Where segment reads put their bytes.
 *
 * Fetch responses are the broker's biggest allocations: kafkajs asks for up
 * to 10 MB per Fetch, in 1 MB per-partition reads. Allocated fresh, every
 * read becomes an ArrayBuffer that dies as soon as the socket has sent it,
 * but V8 frees ArrayBuffers only at its next GC, which external memory
 * alone triggers only every ~64 MB: a reading consumer left tens of MB of
 * dead buffers resident. Reading into a few reused slabs instead keeps the
 * memory a Fetch costs at the size of the responses actually in flight.
 */

/**
 * Hands out buffers for one read: reserve(n) gives n writable bytes, then
 * commit(used) says how many of them the read kept (whole batches only;
 * the rest may be handed out again). A reservation never committed (a
 * failed read, or one replaced by a bigger reserve) keeps nothing.
 */
export interface ReadTarget {
  reserve(n: number): Buffer;
  commit(used: number): void;
}

/** A new buffer per read (tests, ListOffsets, anything whose result outlives the request). */
export const FRESH_BUFFERS: ReadTarget = {
  reserve: (n) => Buffer.allocUnsafe(n),
  commit: () => {},
};

/** Reusable fixed-size slabs, shared by every connection of one broker. */
export class SlabPool {
  private readonly free: Buffer[] = [];

  /**
   * @param slabBytes the size of a slab: the largest read served from the
   *   pool (kafkajs and librdkafka read at most 1 MiB per partition by default)
   * @param maxFree slabs kept for reuse; more are left to the GC
   */
  constructor(
    readonly slabBytes = 1024 * 1024,
    private readonly maxFree = 16,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.slabBytes);
  }

  give(slab: Buffer): void {
    if (this.free.length < this.maxFree) this.free.push(slab);
  }

  get freeSlabs(): number {
    return this.free.length;
  }
}

/**
 * The buffers of one response: reads are packed one after another into
 * slabs from the pool. release() gives the slabs back; call it only once
 * nothing refers to the bytes any more (the socket has sent them, or the
 * response was never handed to it), since the next Fetch overwrites them.
 */
export class SlabArena implements ReadTarget {
  private readonly slabs: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;
  private reserved: 'slab' | 'fresh' | null = null;

  constructor(private readonly pool: SlabPool) {}

  reserve(n: number): Buffer {
    if (n > this.pool.slabBytes) {
      // Bigger than a slab (a client asking for more than 1 MiB per partition,
      // or one huge batch): a buffer of its own, left to the GC.
      this.reserved = 'fresh';
      return Buffer.allocUnsafe(n);
    }
    if (!this.current || this.current.length - this.used < n) {
      this.current = this.pool.take();
      this.slabs.push(this.current);
      this.used = 0;
    }
    this.reserved = 'slab';
    return this.current.subarray(this.used, this.used + n);
  }

  commit(used: number): void {
    if (this.reserved === 'slab') this.used += used;
    this.reserved = null;
  }

  release(): void {
    for (const slab of this.slabs) this.pool.give(slab);
    this.slabs.length = 0;
    this.current = null;
    this.used = 0;
    this.reserved = null;
  }
}
