/**
 * The corpus of real crises (shared/schema/corpus/*.ndjson) folded: every
 * story folds without error, gives the same bytes for any interleaving of
 * its topics, and its state survives a snapshot round trip. Totals written
 * by hand for one of them (Sri Lanka 2022) are checked by the dashboard's
 * browser test on the same view; here the invariants hold for all six.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whenBounds } from '@newswire/schema/v2';
import { canonicalJson, decodeStateRecord, encodeSnapshot, foldAll, StoryState, viewOf, asV2, stateBytes } from '../src/index.ts';
import { interleaveOtherwise, place } from './support.ts';

const DIR = resolve(import.meta.dirname, '../../schema/corpus');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ndjson'));

describe('corpus stories', () => {
  it('are there', () => expect(files.length).toBeGreaterThanOrEqual(6));

  for (const file of files)
    it(`${file}: folds, is interleaving-independent, and round-trips`, () => {
      const updates = readFileSync(resolve(DIR, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => asV2(JSON.parse(l)));
      const story = updates[0]!.story;
      const placed = place(updates.filter((u) => u.story === story));
      const a = foldAll(story, placed);
      const b = foldAll(story, interleaveOtherwise(placed));
      expect(canonicalJson(b.toData())).toBe(canonicalJson(a.toData()));
      const view = viewOf(a.toData());
      // No toll is ever summed: each toll board lists one latest figure per source.
      for (const t of view.figures.tolls) expect(new Set(t.latest.map((p) => p.sourceKey)).size).toBe(t.latest.length);
      // Every conflict is between different sources.
      for (const c of view.figures.conflicts) expect(new Set(c.figures.map((p) => p.sourceKey)).size).toBeGreaterThan(1);
      // The government timeline is in event-time order.
      const starts = view.government.map((e) => whenBounds(e.when).earliest);
      expect(starts).toEqual([...starts].sort((x, y) => x - y));
      const d = decodeStateRecord(story, encodeSnapshot(a.toData(), [], 'e'));
      expect(d.ok).toBe(true);
      if (d.ok && d.value.kind === 'story') expect(canonicalJson(StoryState.fromData(d.value.state).toData())).toBe(canonicalJson(a.toData()));
      expect(stateBytes(a)).toBeGreaterThan(0);
    });
});
