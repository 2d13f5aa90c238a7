import { describe, expect, it } from 'vitest';
import { SlabArena, SlabPool } from '../../src/storage/read-buffers.ts';

describe('SlabArena', () => {
  it('packs reads into one slab, keeping only what each read commits', () => {
    const pool = new SlabPool(10_000, 4);
    const arena = new SlabArena(pool);
    const a = arena.reserve(6000);
    a.fill(1);
    arena.commit(3000); // the read kept 300 bytes (whole batches); the rest is free again
    const b = arena.reserve(7000);
    b.fill(2);
    arena.commit(7000);
    expect(a.buffer).toBe(b.buffer);
    expect(a.subarray(0, 3000).every((x) => x === 1)).toBe(true);
    expect(b.byteOffset - a.byteOffset).toBe(3000);
  });

  it('takes a new slab when a read does not fit, and a buffer of its own when bigger than a slab', () => {
    const pool = new SlabPool(10_000, 4);
    const arena = new SlabArena(pool);
    const a = arena.reserve(8000);
    arena.commit(8000);
    const b = arena.reserve(3000);
    arena.commit(3000);
    expect(b.buffer).not.toBe(a.buffer);
    const big = arena.reserve(50_000);
    arena.commit(50_000);
    expect(big.length).toBe(50_000);
    arena.release();
    expect(pool.freeSlabs).toBe(2); // the two slabs; the big buffer is left to the GC
  });

  it('released slabs are handed out again, and at most maxFree are kept', () => {
    const pool = new SlabPool(10_000, 2);
    const arena = new SlabArena(pool);
    const first = [0, 1, 2].map(() => {
      const b = arena.reserve(10_000);
      arena.commit(10_000);
      return b.buffer;
    });
    arena.release();
    expect(pool.freeSlabs).toBe(2);
    const again = new SlabArena(pool).reserve(5000);
    expect(first).toContain(again.buffer);
  });
});
