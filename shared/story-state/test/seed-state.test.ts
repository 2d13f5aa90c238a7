/**
 * The seed story (Kazakhstan, 8 January 2022) folded: what the state shows,
 * written by hand from the wire text (shared/schema/src/v2/seed/kazakhstan.ts).
 */
import { describe, expect, it } from 'vitest';
import { KAZAKHSTAN_SEED_V2, STORY_ID } from '@newswire/schema/v2/seed';
import { canonicalJson, StoryState, viewOf } from '../src/index.ts';
import { interleaveOtherwise, place } from './support.ts';

function folded(order = place(KAZAKHSTAN_SEED_V2)) {
  const s = new StoryState(STORY_ID);
  for (const { update, at } of order) s.apply(update, at);
  return s;
}

describe('seed story state', () => {
  const view = viewOf(folded().toData());

  it('keeps the two running tolls apart, each with its source and as-of time, and adds nothing up', () => {
    expect(view.figures.tolls.map((t) => [t.metric, t.placeText, t.latest.map((p) => [p.text, p.source, p.timeBasis])])).toEqual([
      ['arrested', 'KZ (nationwide)', [['more than 4,400', 'Interior Ministry via state television', 'asOf']]],
      ['killed', 'KZ', [['more than 40', 'the authorities', 'asOf']]],
    ]);
    // "more than 40 killed" was given at some point up to Saturday, not as of Saturday.
    expect(view.figures.tolls[1]!.latest[0]!.time).toEqual({ to: { date: '2022-01-08', zone: 'Asia/Almaty' } });
    expect(view.figures.incidents).toEqual([]);
    expect(view.figures.conflicts).toEqual([]);
  });

  it('puts every measure on the board as in force (nothing in the text lifts one)', () => {
    expect(view.measures.map((m) => [m.measure, m.state, m.status])).toEqual([
      // Ordered by event time: the shoot order happened on Friday; the rest only have the report day.
      ['shoot-order', 'in-force', 'ordered'],
      ['state-of-emergency', 'in-force', 'declared'],
      ['connectivity:internet', 'in-force', 'shut-down'],
      ['connectivity:mobile', 'in-force', 'intermittent'],
      ['counter-terrorism-operation', 'in-force', 'ongoing'],
    ]);
  });

  it('orders the government timeline by when things happened: the 2019 resignation first', () => {
    expect(view.government.map((e) => [e.id.split(':')[1], e.basis, e.precision])).toEqual([
      ['nazarbayev-resigned-2019', 'occurred', 'year'],
      ['security-council-chair', 'reported', 'day'],
      ['abdymomunov-dismissed', 'reported', 'day'],
      ['government-dismissed', 'reported', 'day'],
      ['secret-service-management', 'reported', 'day'],
    ]);
  });

  it('counts every record and keeps the most recent ones', () => {
    expect(view.records).toBe(26);
    expect(view.corrections).toEqual([]);
    expect(folded().recent.values().map((r) => r.update.id)).toEqual(KAZAKHSTAN_SEED_V2.map((u) => u.id));
  });

  it('is the same bytes whatever order the topics were read in', () => {
    const a = canonicalJson(folded().toData());
    const b = canonicalJson(folded(interleaveOtherwise(place(KAZAKHSTAN_SEED_V2))).toData());
    expect(b).toBe(a);
    expect(canonicalJson(viewOf(JSON.parse(b)))).toBe(canonicalJson(view));
  });
});
