/**
 * The snapshot parts a gateway keeps per story (snapshot-cache.ts), on real
 * story states: derived once per change, the same bytes until the story
 * changes, canonical, and bounded in bytes (least recently used out first).
 */
import { describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { boardOf, canonicalJson, StoryState, viewOf } from '@newswire/story-state';
import { SnapshotCache } from '../src/snapshot-cache.ts';

function story(id: string, n: number): StoryState {
  const s = new StoryState(id);
  makeUpdates(n, { prefix: id, patch: () => ({ story: id }) }).forEach((u, i) => s.apply(u, { topic: 'newswire.t', partition: 0, offset: String(i), ts: 1_700_000_000_000 + i }));
  return s;
}

describe('SnapshotCache', () => {
  it('derives a story once per change and gives the same bytes until then', () => {
    const cache = new SnapshotCache();
    const s = story('a', 40);
    const board = cache.parts('a', s).view('board');
    expect(board.toString()).toBe(canonicalJson(boardOf(viewOf(s.toData()))));
    expect(cache.parts('a', s).view('board')).toBe(board);
    expect(cache.counts).toEqual({ derived: 1, hits: 1 });
    const [more] = makeUpdates(1, { prefix: 'a-more', patch: () => ({ story: 'a' }) });
    s.apply(more!, { topic: 'newswire.t', partition: 0, offset: '40', ts: 1_700_000_000_040 });
    const after = cache.parts('a', s);
    expect(cache.counts.derived).toBe(2);
    expect(JSON.parse(after.view('board').toString()).records).toBe(41);
    expect(after.view('full').toString()).toBe(canonicalJson(viewOf(s.toData())));
    expect(after.recent().map((b) => JSON.parse(b.toString()).update.id)).toEqual(s.recent.values().map((r) => r.update.id));
  });

  it('keeps at most its bound in bytes, the least recently used story going first', () => {
    const a = story('a', 30);
    const b = story('b', 30);
    const one = new SnapshotCache().parts('a', a);
    const size = one.view('board').length + one.recent().reduce((n, x) => n + x.length, 0);
    const cache = new SnapshotCache(Math.floor(size * 1.5));
    cache.parts('a', a).view('board');
    cache.parts('a', a).recent();
    expect(cache.bytes).toBe(size);
    cache.parts('b', b).view('board');
    cache.parts('b', b).recent(); // over the bound: a goes
    expect(cache.bytes).toBeLessThanOrEqual(Math.floor(size * 1.5));
    const derived = cache.counts.derived;
    cache.parts('b', b);
    expect(cache.counts.derived).toBe(derived); // b kept
    cache.parts('a', a);
    expect(cache.counts.derived).toBe(derived + 1); // a derived again
  });
});
