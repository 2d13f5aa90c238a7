/** RangeSet (journal line numbers, partition offsets) against a plain Set, for random additions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RangeSet } from '../src/producers/ranges.ts';

describe('RangeSet', () => {
  it('holds exactly the numbers added, as sorted, merged, non-adjacent ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(200), fc.nat(6)), { maxLength: 60 }), (adds) => {
        const set = new RangeSet();
        const ref = new Set<number>();
        for (const [a, len] of adds) {
          set.add(a, a + len);
          for (let n = a; n <= a + len; n++) ref.add(n);
        }
        for (let n = 0; n <= 210; n++) expect(set.has(n)).toBe(ref.has(n));
        expect(set.size).toBe(ref.size);
        const ranges = set.ranges();
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1] + 1);
      }),
    );
  });

  it('firstNotIn finds the first member missing from another set', () => {
    const valid = new RangeSet([[1, 10], [20, 30]]);
    expect(valid.firstNotIn(new RangeSet([[1, 5], [7, 10], [20, 22]]))).toBe(6);
    expect(valid.firstNotIn(new RangeSet([[1, 10], [20, 29]]))).toBe(30);
    expect(valid.firstNotIn(new RangeSet([[0, 40]]))).toBeUndefined();
  });
});
