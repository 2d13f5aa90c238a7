import { describe, expect, it } from 'vitest';
import { updateSchema, type Update } from '@newswire/schema';
import { KAZAKHSTAN_SEED } from '@newswire/schema/seed';
import { FeedStore } from '../src/client/store.ts';
import { governmentTimeline } from '../src/client/timeline.ts';
import { matches, matchesForSummary } from '../src/client/filters.ts';
import { formatSource, summarize } from '../src/client/format.ts';

function derive(base: Update, changes: Record<string, unknown>): Update {
  return updateSchema.parse({ ...structuredClone(base), ...changes });
}
const first = (kind: Update['kind']) => KAZAKHSTAN_SEED.find((u) => u.kind === kind)!;

describe('FeedStore', () => {
  it('holds every seed update once, newest reported first, and ignores redeliveries', () => {
    const store = new FeedStore();
    for (const u of KAZAKHSTAN_SEED) expect(store.apply(u)).toBe('added');
    for (const u of KAZAKHSTAN_SEED) expect(store.apply(structuredClone(u))).toBe('duplicate');
    const rows = store.entries();
    expect(rows).toHaveLength(KAZAKHSTAN_SEED.length);
    expect(new Set(rows.map((e) => e.id)).size).toBe(KAZAKHSTAN_SEED.length);
    const times = rows.map((e) => Date.parse(e.original.reportedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('shows a correction as a revision of the update it replaces, not as a new row', () => {
    const store = new FeedStore();
    for (const u of KAZAKHSTAN_SEED) store.apply(u);
    const original = KAZAKHSTAN_SEED.find((u) => u.kind === 'arrests' && u.payload.count)!;
    const fix1 = derive(original, { id: 'test:fix1', revises: original.id, headline: 'Correction 1' });
    const fix2 = derive(original, { id: 'test:fix2', revises: 'test:fix1', headline: 'Correction 2' });
    expect(store.apply(fix1)).toBe('revised');
    expect(store.apply(fix2)).toBe('revised'); // a correction of the correction lands on the same row
    expect(store.entries()).toHaveLength(KAZAKHSTAN_SEED.length);
    const e = store.entryOf('test:fix2')!;
    expect(e.id).toBe(original.id);
    expect(e.current.headline).toBe('Correction 2');
    expect(e.revisions.map((r) => r.id)).toEqual(['test:fix1', 'test:fix2']);
    expect(store.effective().filter((u) => u.id === original.id || u.id.startsWith('test:'))).toEqual([fix2]);
  });

  it('marks a retracted update and takes its facts out of effective()', () => {
    const store = new FeedStore();
    for (const u of KAZAKHSTAN_SEED) store.apply(u);
    const gov = first('government-change');
    const retraction = derive(gov, { id: 'test:retract', retracts: gov.id, headline: 'Withdrawn' });
    expect(store.apply(retraction)).toBe('retracted');
    expect(store.entryOf(gov.id)!.retraction?.id).toBe('test:retract');
    expect(store.effective().some((u) => u.id === gov.id)).toBe(false);
    expect(governmentTimeline(store.effective()).some((i) => i.updateId === gov.id)).toBe(false);
  });

  it('keeps a correction of an update it never saw as its own row, flagged', () => {
    const store = new FeedStore();
    const gov = first('government-change');
    const orphan = derive(gov, { id: 'test:orphan', revises: 'not-here' });
    expect(store.apply(orphan)).toBe('added');
    expect(store.entryOf('test:orphan')!.orphanOf).toEqual({ id: 'not-here', action: 'revises' });
  });

  it('is bounded: the oldest arrivals go first', () => {
    const store = new FeedStore(5);
    for (const u of KAZAKHSTAN_SEED) store.apply(u);
    expect(store.size).toBe(5);
    expect(store.has(KAZAKHSTAN_SEED[0]!.id)).toBe(false);
    expect(store.has(KAZAKHSTAN_SEED.at(-1)!.id)).toBe(true);
  });

  it('forgets one story before a replay of it', () => {
    const store = new FeedStore();
    for (const u of KAZAKHSTAN_SEED) store.apply(u);
    const other = derive(first('unrest'), { id: 'test:other', story: 'other' });
    store.apply(other);
    store.clearStory(KAZAKHSTAN_SEED[0]!.story);
    expect(store.entries().map((e) => e.id)).toEqual(['test:other']);
    expect(store.apply(KAZAKHSTAN_SEED[0]!)).toBe('added');
  });
});

describe('government timeline', () => {
  it('lists every government change of the seed in the order it happened', () => {
    const items = governmentTimeline(KAZAKHSTAN_SEED);
    const expected = KAZAKHSTAN_SEED.filter((u) => u.kind === 'government-change');
    expect(items).toHaveLength(expected.length);
    expect(items.length).toBeGreaterThanOrEqual(4);
    const times = items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const text = items.map((i) => i.text).join('\n');
    expect(text).toMatch(/Asamat Abdymomunov/);
    expect(text).toMatch(/entire government/);
    expect(text).toMatch(/Nazarbayev/);
  });
});

describe('filters and formatting', () => {
  it('filters the feed by kind, story and verification; summaries ignore the kind', () => {
    const arrests = KAZAKHSTAN_SEED.filter((u) => matches(u, { kind: 'arrests' }));
    expect(arrests.length).toBeGreaterThan(0);
    expect(arrests.every((u) => u.kind === 'arrests')).toBe(true);
    expect(KAZAKHSTAN_SEED.filter((u) => matches(u, { story: 'nope' }))).toHaveLength(0);
    const reported = KAZAKHSTAN_SEED.filter((u) => matches(u, { verification: 'reported' }));
    expect(reported.every((u) => u.verification === 'reported')).toBe(true);
    expect(KAZAKHSTAN_SEED.filter((u) => matchesForSummary(u, { kind: 'arrests' }))).toHaveLength(KAZAKHSTAN_SEED.length);
  });

  it('summarises every seed update in words and keeps attribution chains', () => {
    for (const u of KAZAKHSTAN_SEED) expect(summarize(u).length).toBeGreaterThan(0);
    const arrests = KAZAKHSTAN_SEED.find((u) => u.kind === 'arrests' && u.payload.count)!;
    expect(summarize(arrests)).toBe('more than 4,400 arrested in total');
    expect(formatSource(arrests.sources[0]!)).toBe('Interior Ministry via state television');
  });
});
